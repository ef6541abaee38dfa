package io.transcoder.messages;

import java.util.List;
import java.util.Objects;

/**
 * The uploader-service stored the renditions and completed the job. Consumed by the notifier-service.
 *
 * @param renditions every rendition the job has, those of earlier attempts included
 * @param failures the formats that could not be made (none, unless some were)
 */
public record UploadCompleted(JobTicket job, List<StoredRendition> renditions, List<FormatFailure> failures)
        implements JobEvent {

    public UploadCompleted {
        Objects.requireNonNull(job, "job");
        renditions = List.copyOf(renditions);
        failures = List.copyOf(failures);
    }
}
