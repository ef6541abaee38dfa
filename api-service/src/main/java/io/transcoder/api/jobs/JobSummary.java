package io.transcoder.api.jobs;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.transcoder.jobs.JobPhase;
import io.transcoder.jobs.JobRecord;
import io.transcoder.jobs.JobState;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A job as the owner's list shows it: where it stands, without download links (its own answer,
 * {@code GET /api/jobs/{id}}, has them).
 *
 * @param formats the formats the job was asked to make
 * @param progress overall progress, 0 to 100
 * @param attempt 1 for the submission, one more for each retry
 * @param error why the job failed, once it is FAILED; null otherwise
 */
public record JobSummary(
        String id,
        JobState state,
        JobPhase phase,
        String sourceName,
        List<String> formats,
        int progress,
        Instant createdAt,
        Instant updatedAt,
        int attempt,
        @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable Error error) {

    static JobSummary of(JobRecord job) {
        return new JobSummary(job.id(), job.state(), job.phase(), job.sourceName(), job.formats(), job.progress(),
                job.createdAt(), job.updatedAt(), job.attempt(),
                job.error() == null ? null : new Error(job.error().code(), job.error().message()));
    }

    /** A machine-readable code and a sentence for people. */
    public record Error(String code, String message) {}
}
