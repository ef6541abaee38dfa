package io.transcoder.messaging;

import io.transcoder.messages.JobTicket;
import java.util.Optional;
import org.springframework.amqp.core.Message;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads the job a raw message belongs to, without trusting it to be one of ours. */
public final class Tickets {

    private Tickets() {}

    /** The ticket in the message's {@code job} field, or empty if it has none that is valid. */
    public static Optional<JobTicket> of(Message message, JsonMapper json) {
        try {
            JsonNode job = json.readTree(message.getBody()).path("job");
            return job.isObject() ? Optional.of(json.treeToValue(job, JobTicket.class)) : Optional.empty();
        } catch (JacksonException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
