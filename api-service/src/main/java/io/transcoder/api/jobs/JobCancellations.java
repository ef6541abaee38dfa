package io.transcoder.api.jobs;

import io.transcoder.api.problems.ApiException;
import io.transcoder.api.security.Owner;
import io.transcoder.jobs.JobRecord;
import io.transcoder.jobs.JobState;
import io.transcoder.jobs.JobStore;
import io.transcoder.messages.JobCancelled;
import io.transcoder.messaging.EventPublisher;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpException;
import org.springframework.stereotype.Service;

/**
 * Cancels an owner's unfinished job: records it CANCELLED (which encoders hear on the job's Redis channel), then
 * publishes {@link JobCancelled} so that the uploader removes what the job left in storage and the work volume.
 */
@Service
class JobCancellations {

    private static final Logger log = LoggerFactory.getLogger(JobCancellations.class);

    private final JobViews views;
    private final JobStore jobs;
    private final EventPublisher publisher;

    JobCancellations(JobViews views, JobStore jobs, EventPublisher publisher) {
        this.views = views;
        this.jobs = jobs;
        this.publisher = publisher;
    }

    JobView cancel(String jobId, Owner owner) {
        JobRecord job = views.owned(jobId, owner);
        if (job.state().isTerminal()) {
            throw ApiException.jobEnded(job.state());
        }
        // an unfinished job cannot start another attempt, so the ticket read above is the cancelled attempt's
        Optional<JobState> cancelledIn = jobs.cancel(jobId);
        if (cancelledIn.isEmpty()) {
            throw ApiException.jobEnded(jobs.state(jobId).orElseThrow(ApiException::jobNotFound));
        }
        announce(new JobCancelled(job.ticket(), cancelledIn.get()));
        return views.view(jobId, owner);
    }

    /**
     * The cancel is recorded before it is announced, never the other way round: an uploader told of a cancel that
     * then did not happen would delete a live job's files. So a broker that refuses the announcement cannot undo
     * the cancel, and the owner is still answered that it happened, which it has: every stage drops the job, and the
     * stage at work on it removes its work files when it notices (JobStages), but its source and any renditions
     * stay in storage until the bucket's lifecycle rule removes them.
     */
    private void announce(JobCancelled cancelled) {
        try {
            publisher.publish(cancelled);
            log.info("Cancelled job {} of {} in {}", cancelled.jobId(), cancelled.job().owner(), cancelled.stage());
        } catch (AmqpException e) {
            log.error("Cancelled job {} in {}, but could not announce it: its stored objects stay", cancelled.jobId(),
                    cancelled.stage(), e);
        }
    }
}
