package io.transcoder.messages;

import java.util.Arrays;
import java.util.Locale;

/** The catalogue of messages: each record with its versioned routing key. */
public enum EventType {

    JOB_REQUESTED("job.requested.v1", JobRequested.class),
    SOURCE_DOWNLOADED("source.downloaded.v1", SourceDownloaded.class),
    ENCODING_COMPLETED("encoding.completed.v2", EncodingCompleted.class),
    UPLOAD_COMPLETED("upload.completed.v2", UploadCompleted.class),
    JOB_FAILED("job.failed.v1", JobFailed.class),
    JOB_CANCELLED("job.cancelled.v1", JobCancelled.class);

    private final String routingKey;
    private final Class<? extends JobEvent> type;

    EventType(String routingKey, Class<? extends JobEvent> type) {
        this.routingKey = routingKey;
        this.type = type;
    }

    public String routingKey() {
        return routingKey;
    }

    public Class<? extends JobEvent> type() {
        return type;
    }

    /** The event's name in queue names: {@code job-requested}. */
    public String slug() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static EventType of(JobEvent event) {
        return Arrays.stream(values())
                .filter(type -> type.type.isInstance(event))
                .findFirst()
                .orElseThrow();
    }
}
