package io.transcoder.messages;

import java.util.Objects;

/**
 * A stage failed the job for good. Published by any stage, consumed by the notifier-service.
 *
 * @param stage the state the job was in when it failed (DOWNLOADING, ENCODING, ...)
 * @param code a machine-readable reason such as {@code INPUT_NOT_VIDEO}
 * @param reason a sentence a person can read
 */
public record JobFailed(JobTicket job, String stage, String code, String reason) implements JobEvent {

    public JobFailed {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(reason, "reason");
    }
}
