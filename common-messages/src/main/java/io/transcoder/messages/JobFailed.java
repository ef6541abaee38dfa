package io.transcoder.messages;

import io.transcoder.jobs.FailureCode;
import io.transcoder.jobs.JobState;
import java.util.Objects;

/**
 * A stage failed the job for good. Published by any stage, consumed by the notifier-service.
 *
 * @param stage the state the job was in when it failed (DOWNLOADING, ENCODING, ...)
 * @param code a machine-readable reason
 * @param reason a sentence a person can read
 */
public record JobFailed(JobTicket job, JobState stage, FailureCode code, String reason) implements JobEvent {

    public JobFailed {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(reason, "reason");
    }
}
