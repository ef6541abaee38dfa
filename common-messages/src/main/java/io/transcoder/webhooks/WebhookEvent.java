package io.transcoder.webhooks;

import io.transcoder.jobs.JobState;

/** What a webhook tells of: how a job ended, with its name on the wire ({@code Transcoder-Event}). */
public enum WebhookEvent {

    COMPLETED("job.completed", JobState.COMPLETED),
    FAILED("job.failed", JobState.FAILED),
    CANCELLED("job.cancelled", JobState.CANCELLED);

    private final String type;
    private final JobState state;

    WebhookEvent(String type, JobState state) {
        this.type = type;
        this.state = state;
    }

    /** The name on the wire: {@code job.completed}. */
    public String type() {
        return type;
    }

    /** The state the job is in when it is told of. */
    public JobState state() {
        return state;
    }

    /**
     * The event's id, the same for every delivery of it and different for each attempt of the job, so that a
     * receiver can tell a repeat: {@code {jobId}:{job attempt}:{type}}.
     */
    public String id(String jobId, int jobAttempt) {
        return jobId + ":" + jobAttempt + ":" + type;
    }
}
