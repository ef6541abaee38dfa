package io.transcoder.messaging;

import io.transcoder.jobs.FailureCode;
import io.transcoder.messages.JobTicket;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpRejectAndDontRequeueException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.retry.MessageRecoverer;
import org.springframework.core.NestedExceptionUtils;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Called when a listener has failed on a message as often as its retries allow: fails the job the message belongs
 * to (so it is never left half-done) and rejects the message, which parks it in its queue's dead-letter queue for an
 * operator. A message too malformed to name its job is only parked.
 */
class FailingJobRecoverer implements MessageRecoverer {

    private static final Logger log = LoggerFactory.getLogger(FailingJobRecoverer.class);
    static final String REASON = "An unexpected error kept stopping this job, so it was given up.";

    private final JobStages stages;
    private final JsonMapper json;

    FailingJobRecoverer(JobStages stages, JsonMapper json) {
        this.stages = stages;
        this.json = json;
    }

    @Override
    public void recover(Message message, Throwable cause) {
        Throwable root = NestedExceptionUtils.getMostSpecificCause(cause);
        Optional<JobTicket> job = ticketOf(message);
        if (job.isPresent()) {
            log.error("Job {} failed after its retries ran out; parking message {}",
                    job.get().jobId(), message.getMessageProperties().getMessageId(), cause);
            // the reason reaches the user's inbox: the details (paths, hosts) stay in the log
            stages.fail(job.get(), FailureCode.STAGE_ERROR, REASON);
        } else {
            log.error("Parking a message that names no job: {}", message, cause);
        }
        throw new AmqpRejectAndDontRequeueException("Parked: " + root, cause);
    }

    private Optional<JobTicket> ticketOf(Message message) {
        try {
            JsonNode job = json.readTree(message.getBody()).path("job");
            return job.isObject() ? Optional.of(json.treeToValue(job, JobTicket.class)) : Optional.empty();
        } catch (JacksonException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
