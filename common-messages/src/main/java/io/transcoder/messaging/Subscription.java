package io.transcoder.messaging;

import io.transcoder.messages.EventType;

/** Which service consumes which event: one durable quorum queue each, named {@code {service}.{event}}. */
public enum Subscription {

    DOWNLOADER_JOB_REQUESTED("downloader", EventType.JOB_REQUESTED),
    ENCODER_SOURCE_DOWNLOADED("encoder", EventType.SOURCE_DOWNLOADED),
    UPLOADER_ENCODING_COMPLETED("uploader", EventType.ENCODING_COMPLETED),
    NOTIFIER_UPLOAD_COMPLETED("notifier", EventType.UPLOAD_COMPLETED),
    NOTIFIER_JOB_FAILED("notifier", EventType.JOB_FAILED),
    UPLOADER_JOB_FAILED("uploader", EventType.JOB_FAILED);

    private final String service;
    private final EventType event;

    Subscription(String service, EventType event) {
        this.service = service;
        this.event = event;
    }

    public EventType event() {
        return event;
    }

    /** The queue's name without the namespace: {@code encoder.source-downloaded}. */
    public String queueName() {
        return service + "." + event.slug();
    }
}
