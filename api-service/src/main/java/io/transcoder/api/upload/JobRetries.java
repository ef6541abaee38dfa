package io.transcoder.api.upload;

import io.transcoder.api.jobs.JobViews;
import io.transcoder.api.problems.ApiException;
import io.transcoder.api.security.Owner;
import io.transcoder.jobs.FailureCode;
import io.transcoder.jobs.JobIds;
import io.transcoder.jobs.JobRecord;
import io.transcoder.jobs.JobState;
import io.transcoder.jobs.JobStore;
import io.transcoder.messages.JobRequested;
import io.transcoder.messages.JobTicket;
import io.transcoder.messaging.EventPublisher;
import io.transcoder.storage.StorageKeys;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpException;
import org.springframework.stereotype.Service;

/**
 * Starts another attempt of an owner's ended job that lacks renditions: a COMPLETED job's failed formats, or a FAILED
 * job whose failure was not its input's fault. The attempt makes only the formats without a rendition, from the
 * source as it was stored, and is admitted like a submission (backlog, unfinished jobs, submissions a minute).
 */
@Service
class JobRetries {

    private static final Logger log = LoggerFactory.getLogger(JobRetries.class);
    /** Only for the moment between admitting the retry and the retry script counting the job itself. */
    private static final Duration PLACE_HOLD = Duration.ofMinutes(1);

    private final JobViews views;
    private final JobStore jobs;
    private final SourceStore sources;
    private final Admission admission;
    private final EventPublisher publisher;

    JobRetries(JobViews views, JobStore jobs, SourceStore sources, Admission admission, EventPublisher publisher) {
        this.views = views;
        this.jobs = jobs;
        this.sources = sources;
        this.admission = admission;
        this.publisher = publisher;
    }

    void retry(String jobId, Owner owner) {
        JobRecord job = views.owned(jobId, owner);
        List<String> formats = formatsToMake(job);
        String sourceKey = StorageKeys.source(jobId, job.sourceName()); // as JobSubmissions stored it
        if (!sources.exists(sourceKey)) {
            throw ApiException.notRetryable(job.state(), "its uploaded video is no longer kept; submit it again.");
        }
        // a place of its own, not the job's id: a retry that loses a race must not release the place of the winner
        String place = JobIds.next();
        admission.admit(owner, place, PLACE_HOLD);
        try {
            JobTicket ticket = jobs.retry(job, formats).orElseThrow(() -> ApiException.notRetryable(
                    jobs.state(jobId).orElseThrow(ApiException::jobNotFound), "it changed meanwhile."));
            queue(ticket, sourceKey);
        } finally {
            admission.release(owner, place);
        }
    }

    /** The formats another attempt would make, or why there is no point in one. */
    private static List<String> formatsToMake(JobRecord job) {
        if (!job.state().isTerminal()) {
            throw ApiException.notRetryable(job.state(), "it is still running; wait for it to end.");
        }
        if (job.state() == JobState.CANCELLED) {
            throw ApiException.notRetryable(job.state(), "it was cancelled; submit the video again.");
        }
        if (job.state() == JobState.FAILED && job.error() != null && !retryable(job.error().code())) {
            throw ApiException.notRetryable(job.state(), "the input itself is at fault (" + job.error().code()
                    + ": " + job.error().message() + "), so another attempt would fail alike.");
        }
        List<String> missing = job.ticket().formats();
        if (missing.isEmpty()) {
            throw ApiException.notRetryable(job.state(), "nothing failed: it has every format it was asked for.");
        }
        return missing;
    }

    /** An unknown code (recorded by a newer version) is given the benefit of the doubt. */
    private static boolean retryable(String code) {
        return Arrays.stream(FailureCode.values())
                .filter(known -> known.name().equals(code))
                .findFirst()
                .map(FailureCode::retryable)
                .orElse(true);
    }

    /** As a submission does: a retry that cannot be queued fails at once, and may be retried again. */
    private void queue(JobTicket ticket, String sourceKey) {
        try {
            publisher.publish(new JobRequested(ticket, sourceKey));
        } catch (AmqpException e) {
            log.error("Could not queue attempt {} of job {}", ticket.attempt(), ticket.jobId(), e);
            jobs.failAnswered(ticket.jobId(), FailureCode.STAGE_ERROR, "The retry could not be queued.");
            throw ApiException.unavailable("The job queue");
        }
        log.info("Queued attempt {} of job {} of {} in {}", ticket.attempt(), ticket.jobId(), ticket.owner(),
                ticket.formats());
    }
}
