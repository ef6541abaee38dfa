package io.transcoder.messaging;

import io.transcoder.jobs.FailureCode;
import io.transcoder.jobs.JobFailureException;
import io.transcoder.jobs.JobState;
import io.transcoder.jobs.JobStore;
import io.transcoder.messages.JobEvent;
import io.transcoder.messages.JobFailed;
import io.transcoder.messages.JobTicket;
import io.transcoder.work.WorkVolume;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How every stage handles its input, in one place: move the job into the stage (or drop a message the job has moved
 * past), do the work, publish the next fact and wait for its confirm. A {@link JobFailureException} fails the job
 * for good: its work directory is removed and {@link JobFailed} published. Any other exception propagates, so the
 * listener container retries and finally hands the message to {@link FailingJobRecoverer}.
 */
public class JobStages {

    private static final Logger log = LoggerFactory.getLogger(JobStages.class);

    private final JobStore jobs;
    private final EventPublisher publisher;
    private final WorkVolume workVolume;

    public JobStages(JobStore jobs, EventPublisher publisher, WorkVolume workVolume) {
        this.jobs = jobs;
        this.publisher = publisher;
        this.workVolume = workVolume;
    }

    /**
     * Runs one stage for the job {@code event} belongs to.
     *
     * @return the event published, or empty if the job had moved on or failed
     */
    public <E extends JobEvent, N extends JobEvent> Optional<N> run(E event, JobState stage, Function<E, N> work) {
        String jobId = event.jobId();
        if (!jobs.advance(jobId, stage)) {
            log.info("Job {} is unknown, ended or past {}; dropping {}", jobId, stage, event.getClass().getSimpleName());
            return Optional.empty();
        }
        N next;
        try {
            next = work.apply(event);
        } catch (JobFailureException e) {
            log.warn("Job {} failed in {}: {} {}", jobId, stage, e.code(), e.getMessage());
            fail(event.job(), e.code(), e.getMessage());
            return Optional.empty();
        }
        publisher.publish(next);
        return Optional.of(next);
    }

    /**
     * Fails the job unless it has ended: cleans its work directory (first, so no reader sees a FAILED job with files
     * left), announces {@link JobFailed}, then records the failure. Announcing first means a failure is never recorded
     * without word to the user; should recording fail, the retry announces again and the notifier still sends once.
     */
    public void fail(JobTicket job, FailureCode code, String reason) {
        workVolume.delete(job.jobId());
        Optional<JobState> state = jobs.state(job.jobId()).filter(current -> !current.isTerminal());
        if (state.isEmpty()) {
            log.info("Job {} is unknown or has ended; not failing it with {}", job.jobId(), code);
            return;
        }
        publisher.publish(new JobFailed(job, state.get().name(), code.name(), reason));
        jobs.fail(job.jobId(), code, reason);
    }
}
