package io.transcoder.messaging;

import io.transcoder.jobs.JobState;
import io.transcoder.messages.EventType;
import java.util.Optional;

/** Which service consumes which event: one durable quorum queue each, named {@code {service}.{event}}. */
public enum Subscription {

    DOWNLOADER_JOB_REQUESTED("downloader", EventType.JOB_REQUESTED),
    ENCODER_SOURCE_DOWNLOADED("encoder", EventType.SOURCE_DOWNLOADED),
    UPLOADER_ENCODING_COMPLETED("uploader", EventType.ENCODING_COMPLETED),
    NOTIFIER_UPLOAD_COMPLETED("notifier", EventType.UPLOAD_COMPLETED),
    NOTIFIER_JOB_FAILED("notifier", EventType.JOB_FAILED),
    UPLOADER_JOB_FAILED("uploader", EventType.JOB_FAILED),
    UPLOADER_JOB_CANCELLED("uploader", EventType.JOB_CANCELLED);

    private final String service;
    private final EventType event;

    Subscription(String service, EventType event) {
        this.service = service;
        this.event = event;
    }

    /** The queue a job in {@code state} waits in for its next stage, if it waits in one. */
    public static Optional<Subscription> awaiting(JobState state) {
        return Optional.ofNullable(switch (state) {
            case QUEUED -> DOWNLOADER_JOB_REQUESTED;
            case DOWNLOADING -> ENCODER_SOURCE_DOWNLOADED;
            case ENCODING -> UPLOADER_ENCODING_COMPLETED;
            default -> null;
        });
    }

    /** The service that consumes it: {@code notifier}. */
    public String service() {
        return service;
    }

    public EventType event() {
        return event;
    }

    /** The queue's name without the namespace: {@code encoder.source-downloaded}. */
    public String queueName() {
        return service + "." + event.slug();
    }
}
