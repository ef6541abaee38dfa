package io.transcoder.messages;

import java.util.Objects;

/**
 * The api-service stored an upload and recorded the job. Consumed by the downloader-service.
 *
 * @param sourceKey the object key of the upload in the bucket
 */
public record JobRequested(JobTicket job, String sourceKey) implements JobEvent {

    public JobRequested {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(sourceKey, "sourceKey");
    }
}
