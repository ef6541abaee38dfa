package io.transcoder.messages;

import java.util.List;
import java.util.Objects;

/** The uploader-service stored every rendition and completed the job. Consumed by the notifier-service. */
public record UploadCompleted(JobTicket job, List<StoredRendition> renditions) implements JobEvent {

    public UploadCompleted {
        Objects.requireNonNull(job, "job");
        renditions = List.copyOf(renditions);
    }
}
