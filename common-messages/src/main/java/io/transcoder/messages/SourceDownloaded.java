package io.transcoder.messages;

import java.util.Objects;

/**
 * The downloader-service put the source into the work volume. Consumed by the encoder-service.
 *
 * @param sourceFile the source's path relative to the work volume's root
 * @param size the source's size in bytes
 */
public record SourceDownloaded(JobTicket job, String sourceFile, long size) implements JobEvent {

    public SourceDownloaded {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(sourceFile, "sourceFile");
    }
}
