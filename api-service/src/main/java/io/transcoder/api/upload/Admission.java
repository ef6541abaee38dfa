package io.transcoder.api.upload;

import io.transcoder.api.ApiProperties;
import io.transcoder.api.problems.ApiException;
import io.transcoder.api.security.Owner;
import io.transcoder.jobs.JobStore;
import io.transcoder.jobs.RateLimiter;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * Decides, before a byte of the upload is read, whether a submission may go ahead: not while the pipeline's backlog
 * is full (503), nor beyond the owner's unfinished jobs or submissions a minute (429). An admitted submission holds a
 * place among its owner's unfinished jobs until the job exists, or is released when the submission fails. A retry is
 * admitted alike: it brings a job back among the unfinished ones and its work back into the pipeline.
 */
@Component
class Admission {

    /** A client told to wait for one of its jobs to finish has no better hint than this. */
    private static final Duration UNFINISHED_RETRY = Duration.ofSeconds(30);
    private static final Duration BACKLOG_RETRY = Duration.ofSeconds(60);

    private final JobStore jobs;
    private final RateLimiter limiter;
    private final Backlog backlog;
    private final ApiProperties api;
    private final RateLimiter.Limit submissions;

    Admission(JobStore jobs, RateLimiter limiter, Backlog backlog, ApiProperties api) {
        this.jobs = jobs;
        this.limiter = limiter;
        this.backlog = backlog;
        this.api = api;
        this.submissions = new RateLimiter.Limit(api.maxSubmissionsPerMinute(), Duration.ofMinutes(1));
    }

    void admit(Owner owner, String jobId) {
        // the place outlives the longest upload, so only a submission that died without releasing it lets it lapse
        admit(owner, jobId, api.uploadDeadline().plusMinutes(1));
    }

    /** Admits a submission or a retry, whose place, held under {@code placeId}, lapses after {@code hold}. */
    void admit(Owner owner, String placeId, Duration hold) {
        if (backlog.waiting() >= api.maxBacklog()) {
            throw ApiException.backlogFull(BACKLOG_RETRY);
        }
        if (!jobs.reserve(owner.id(), placeId, api.maxUnfinishedJobs(), hold)) {
            throw ApiException.tooManyUnfinishedJobs(api.maxUnfinishedJobs(), UNFINISHED_RETRY);
        }
        RateLimiter.Decision decision = limiter.take("submissions", owner.id(), submissions);
        if (!decision.allowed()) {
            release(owner, placeId);
            throw ApiException.tooManySubmissions(api.maxSubmissionsPerMinute(), decision.retryAfter());
        }
    }

    void release(Owner owner, String placeId) {
        jobs.release(owner.id(), placeId);
    }
}
