package io.transcoder.messages;

import java.util.List;
import java.util.Objects;

/**
 * The encoder-service wrote the renditions of this attempt into the work volume. Consumed by the uploader-service.
 *
 * @param renditions the formats that succeeded: at least one on a first attempt (a job whose formats all failed is
 *     failed instead), perhaps none on a retry, whose job keeps the renditions of earlier attempts
 * @param failures the formats that failed
 */
public record EncodingCompleted(JobTicket job, List<EncodedRendition> renditions, List<FormatFailure> failures)
        implements JobEvent {

    public EncodingCompleted {
        Objects.requireNonNull(job, "job");
        renditions = List.copyOf(renditions);
        failures = List.copyOf(failures);
    }
}
