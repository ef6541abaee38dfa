package io.transcoder.messages;

import io.transcoder.jobs.FailureCode;
import java.util.Objects;

/**
 * A requested format the encoder could not make, while others of the job succeeded: the job completes with the
 * renditions it has and says which formats failed and why.
 *
 * @param reason a sentence a person can read
 */
public record FormatFailure(String format, FailureCode code, String reason) {

    public FormatFailure {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(reason, "reason");
    }
}
