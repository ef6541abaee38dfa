package io.transcoder.messaging;

import io.transcoder.jobs.JobState;
import io.transcoder.messages.EventType;
import java.util.Optional;

/**
 * Which service consumes which event: one durable quorum queue each, named {@code {service}.{event}}. The
 * {@code webhooks} consumer, hosted by the notifier-service, tells a job's callback URL how the job ended; it
 * stands apart from the pipeline, so a message of it that the broker parks leaves its job alone.
 */
public enum Subscription {

    DOWNLOADER_JOB_REQUESTED("downloader", EventType.JOB_REQUESTED),
    ENCODER_SOURCE_DOWNLOADED("encoder", EventType.SOURCE_DOWNLOADED),
    UPLOADER_ENCODING_COMPLETED("uploader", EventType.ENCODING_COMPLETED),
    NOTIFIER_UPLOAD_COMPLETED("notifier", EventType.UPLOAD_COMPLETED),
    NOTIFIER_JOB_FAILED("notifier", EventType.JOB_FAILED),
    UPLOADER_JOB_FAILED("uploader", EventType.JOB_FAILED),
    UPLOADER_JOB_CANCELLED("uploader", EventType.JOB_CANCELLED),
    WEBHOOKS_UPLOAD_COMPLETED("webhooks", EventType.UPLOAD_COMPLETED),
    WEBHOOKS_JOB_FAILED("webhooks", EventType.JOB_FAILED),
    WEBHOOKS_JOB_CANCELLED("webhooks", EventType.JOB_CANCELLED);

    private static final String WEBHOOKS = "webhooks";

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

    /** The service that consumes it: {@code notifier} (or the {@code webhooks} consumer the notifier hosts). */
    public String service() {
        return service;
    }

    /**
     * Whether the job fails when the broker parks a message of this subscription: for every stage of the pipeline,
     * not for a webhook, which never changes its job.
     */
    public boolean failsJobWhenParked() {
        return !WEBHOOKS.equals(service);
    }

    public EventType event() {
        return event;
    }

    /** The queue's name without the namespace: {@code encoder.source-downloaded}. */
    public String queueName() {
        return service + "." + event.slug();
    }
}
