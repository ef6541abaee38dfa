package io.transcoder.messages;

/** A fact about one job that one stage publishes and the next consumes. */
public sealed interface JobEvent permits JobRequested, SourceDownloaded, EncodingCompleted, UploadCompleted,
        JobFailed, JobCancelled {

    JobTicket job();

    default String jobId() {
        return job().jobId();
    }
}
