package io.transcoder.messages;

import io.transcoder.jobs.JobState;
import java.util.Objects;

/**
 * The job's owner cancelled it. Published by the api-service, consumed by the uploader-service, which removes what
 * the job left in storage and the work volume. Encoders hear of it sooner, on the job's Redis channel.
 *
 * @param stage the state the job was in when it was cancelled
 */
public record JobCancelled(JobTicket job, JobState stage) implements JobEvent {

    public JobCancelled {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(stage, "stage");
    }
}
