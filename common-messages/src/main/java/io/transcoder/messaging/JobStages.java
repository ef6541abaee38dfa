package io.transcoder.messaging;

import io.transcoder.jobs.FailureCode;
import io.transcoder.jobs.JobFailureException;
import io.transcoder.jobs.JobRecord;
import io.transcoder.jobs.JobState;
import io.transcoder.jobs.JobStore;
import io.transcoder.messages.JobEvent;
import io.transcoder.messages.JobFailed;
import io.transcoder.messages.JobTicket;
import io.transcoder.work.WorkVolume;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How every stage handles its input, in one place: move the job into the stage (or drop a message the job has moved
 * past), do the work, publish the next fact and wait for its confirm. A {@link JobFailureException} fails the job
 * for good: its work directory is removed and {@link JobFailed} published. Any other exception propagates, so the
 * listener container retries and finally hands the message to {@link StageRecoverer}.
 *
 * <p>A failure is recorded first and announced second; until the announcement is confirmed the job says so, and
 * whoever meets the job next (a redelivered message, the recoverer, the uploader's reaper) announces it again. So a
 * job is never failed without word to its owner, and never announced as failed unless it is.
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
        if (!jobs.advance(event.job(), stage)) {
            log.info("Job {} is unknown, ended or past {}; dropping {}", jobId, stage, event.getClass().getSimpleName());
            announcePendingFailure(event.job());
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
        // cancelled (or failed by someone else) while the work ran: what it left behind is nobody's
        if (!jobs.advance(event.job(), stage)) {
            log.info("Job {} ended while in {}; discarding its work", jobId, stage);
            workVolume.delete(jobId);
            return Optional.empty();
        }
        publisher.publish(next);
        return Optional.of(next);
    }

    /**
     * Fails the job unless it has ended, removes its work directory and tells the notifier.
     *
     * @return whether it failed the job
     */
    public boolean fail(JobTicket job, FailureCode code, String reason) {
        return fail(job, null, code, reason);
    }

    /**
     * Fails the job as {@link #fail(JobTicket, FailureCode, String)}, but only if it has not changed since
     * {@code seen}: a job that moved on meanwhile is left alone.
     *
     * @return whether it failed the job
     */
    public boolean failIfUnchangedSince(JobTicket job, Instant seen, FailureCode code, String reason) {
        return fail(job, seen, code, reason);
    }

    /** Announces the job's recorded failure if that has not been confirmed yet. */
    public void announcePendingFailure(JobTicket job) {
        jobs.find(job.jobId())
                .filter(record -> record.state() == JobState.FAILED && !record.failureAnnounced())
                .ifPresent(record -> announce(job, record));
    }

    private boolean fail(JobTicket job, @Nullable Instant seen, FailureCode code, String reason) {
        Optional<JobState> failedIn = seen == null
                ? jobs.fail(job.jobId(), code, reason)
                : jobs.failIfUnchangedSince(job.jobId(), seen, code, reason);
        if (failedIn.isEmpty()) {
            log.info("Job {} is unknown, has ended or has moved on; not failing it with {}", job.jobId(), code);
            announcePendingFailure(job);
            return false;
        }
        workVolume.delete(job.jobId());
        announce(job, failedIn.get(), code, reason);
        return true;
    }

    private void announce(JobTicket job, JobRecord record) {
        JobRecord.JobError error = record.error();
        JobState failedIn = record.failedIn();
        if (error != null && failedIn != null) {
            announce(job, failedIn, FailureCode.valueOf(error.code()), error.message());
        }
    }

    private void announce(JobTicket job, JobState failedIn, FailureCode code, String reason) {
        publisher.publish(new JobFailed(job, failedIn, code, reason));
        jobs.markFailureAnnounced(job.jobId());
    }
}
