package io.transcoder.messages;

import java.util.List;
import java.util.Objects;

/** The encoder-service wrote every requested rendition into the work volume. Consumed by the uploader-service. */
public record EncodingCompleted(JobTicket job, List<EncodedRendition> renditions) implements JobEvent {

    public EncodingCompleted {
        Objects.requireNonNull(job, "job");
        renditions = List.copyOf(renditions);
    }
}
