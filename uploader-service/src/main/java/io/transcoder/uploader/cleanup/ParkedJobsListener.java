package io.transcoder.uploader.cleanup;

import io.transcoder.jobs.FailureCode;
import io.transcoder.messages.JobTicket;
import io.transcoder.messaging.JobStages;
import io.transcoder.messaging.Tickets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Fails the job of every message the broker parks, within moments: one a consumer kept crashing on until the
 * delivery limit, or one a stage gave up on (whose job has failed already, and is left as it is). The parked queues
 * keep the messages themselves for an operator; this hears of each through a queue of its own.
 */
@Component
class ParkedJobsListener {

    static final String REASON = "This job kept stopping the service that worked on it, so it was given up.";

    private static final Logger log = LoggerFactory.getLogger(ParkedJobsListener.class);

    private final JobStages stages;
    private final JsonMapper json;

    ParkedJobsListener(JobStages stages, JsonMapper json) {
        this.stages = stages;
        this.json = json;
    }

    @RabbitListener(queues = "#{@topology.parkedJobsQueue()}")
    void on(Message message) {
        String from = deadLetteredFrom(message);
        Optional<JobTicket> job = Tickets.of(message, json);
        if (job.isEmpty()) {
            log.error("A message that names no job was parked from {}: {}", from, message);
            return;
        }
        if (stages.fail(job.get(), FailureCode.STAGE_ERROR, REASON)) {
            log.error("Job {} failed: its message was parked from {} ({})", job.get().jobId(), from,
                    message.getMessageProperties().getMessageId());
        }
    }


    private static String deadLetteredFrom(Message message) {
        if (message.getMessageProperties().getHeader("x-death") instanceof List<?> deaths && !deaths.isEmpty()
                && deaths.get(0) instanceof Map<?, ?> death) {
            return death.get("queue") + " (" + death.get("reason") + ")";
        }
        return "an unknown queue";
    }
}
