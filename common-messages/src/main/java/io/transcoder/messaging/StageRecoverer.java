package io.transcoder.messaging;

import io.transcoder.TranscoderProperties;
import io.transcoder.jobs.FailureCode;
import io.transcoder.jobs.JobStore;
import io.transcoder.messages.JobTicket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpRejectAndDontRequeueException;
import org.springframework.amqp.ImmediateRequeueAmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.retry.MessageRecoverer;
import org.springframework.core.NestedExceptionUtils;
import tools.jackson.databind.json.JsonMapper;

/**
 * Called when a listener has failed on a message as often as its in-process retries allow. An outage (storage, mail,
 * Redis: {@link Outages}) is waited out: the message goes to its subscription's retry queue, to come back ever later,
 * and the job says what it waits for, until the service's budget since the first failure is spent. Then, or for any
 * other error, the job fails (through {@link JobStages}, the one way a job fails) and the message is rejected, which
 * parks it in its queue's dead-letter queue for an operator. A message too malformed to name its job is only parked.
 * A listener that throws {@link ImmediateRequeueAmqpException} (a stage shutting down), or that the broker itself
 * failed (its connection, a publish it did not confirm), has its message requeued.
 */
class StageRecoverer implements MessageRecoverer {

    static final String REASON = "An unexpected error kept stopping this job, so it was given up.";
    static final String RETRIES = "x-transcoder-retries";
    static final String FIRST_FAILURE = "x-transcoder-first-failure";

    private static final Logger log = LoggerFactory.getLogger(StageRecoverer.class);

    private final JobStages stages;
    private final JobStore jobs;
    private final EventPublisher publisher;
    private final Topology topology;
    private final TranscoderProperties.Retry retry;
    private final JsonMapper json;
    private final Clock clock;

    StageRecoverer(JobStages stages, JobStore jobs, EventPublisher publisher, Topology topology,
            TranscoderProperties.Retry retry, JsonMapper json, Clock clock) {
        this.stages = stages;
        this.jobs = jobs;
        this.publisher = publisher;
        this.topology = topology;
        this.retry = retry;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public void recover(Message message, Throwable cause) {
        if (cause instanceof ImmediateRequeueAmqpException || cause.getCause() instanceof ImmediateRequeueAmqpException) {
            // a stage shutting down hands its message back, to be done by another instance or after the restart
            throw new ImmediateRequeueAmqpException("Handed back: " + cause.getMessage(), cause);
        }
        Throwable root = NestedExceptionUtils.getMostSpecificCause(cause);
        if (Outages.ofBroker(cause)) {
            // redelivered once the broker is back (a delivery more towards the limit): nothing here could hold it
            log.warn("The broker failed message {} ({}); handing it back", message.getMessageProperties().getMessageId(),
                    root.getMessage());
            throw new ImmediateRequeueAmqpException("Broker unavailable: " + root.getMessage(), cause);
        }
        Optional<JobTicket> job = Tickets.of(message, json);
        Optional<Subscription> subscription = topology.subscriptionOf(message.getMessageProperties().getConsumerQueue());
        Optional<String> outage = Outages.of(cause);
        if (job.isEmpty()) {
            log.error("Parking a message that names no job: {}", message, cause);
        } else if (outage.isPresent() && subscription.isPresent()) {
            if (waitOut(message, job.get(), subscription.get(), outage.get(), root)) {
                return;
            }
        } else {
            log.error("Job {} failed after its retries ran out; parking message {}",
                    job.get().jobId(), message.getMessageProperties().getMessageId(), cause);
            // the reason reaches the user's inbox: the details (paths, hosts) stay in the log
            stages.fail(job.get(), FailureCode.STAGE_ERROR, REASON);
        }
        throw new AmqpRejectAndDontRequeueException("Parked: " + root, cause);
    }

    /** Sends the message to wait in a retry queue, unless the budget is spent: then it fails the job. */
    private boolean waitOut(Message message, JobTicket job, Subscription subscription, String dependency,
            Throwable root) {
        MessageProperties properties = message.getMessageProperties();
        Instant now = clock.instant();
        Instant firstFailure = instant(properties.getHeader(FIRST_FAILURE)).orElse(now);
        int retries = properties.getHeader(RETRIES) instanceof Number number ? number.intValue() : 0;
        Duration budget = retry.budget(subscription.service());
        Duration delay = retry.delay(retries);
        if (now.plus(delay).isAfter(firstFailure.plus(budget))) {
            log.error("Job {}: {} stayed unreachable since {}, beyond the {}'s budget of {}; failing it",
                    job.jobId(), dependency, firstFailure, subscription.service(), budget, root);
            stages.fail(job, FailureCode.UNAVAILABLE, "%s stayed unreachable for %s, so the job was given up."
                    .formatted(dependency, words(budget)));
            return false;
        }
        properties.setHeader(FIRST_FAILURE, firstFailure.toString());
        properties.setHeader(RETRIES, retries + 1);
        String queue = topology.retryQueue(subscription, delay);
        publisher.resend(message, queue);
        Instant next = now.plus(delay).truncatedTo(ChronoUnit.SECONDS);
        log.warn("Job {}: {} is unreachable ({}); attempt {} of {} waits in {} until {}", job.jobId(), dependency,
                root.getMessage(), retries + 2, subscription.queueName(), queue, next);
        try {
            jobs.recordWaiting(job.jobId(), "%s is unreachable; the next attempt is at %s.".formatted(dependency, next));
        } catch (RuntimeException e) {
            log.warn("Could not record why job {} waits: {}", job.jobId(), e.getMessage());
        }
        return true;
    }

    private static Optional<Instant> instant(Object header) {
        try {
            return header == null ? Optional.empty() : Optional.of(Instant.parse(header.toString()));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String words(Duration duration) {
        if (duration.toHours() > 0 && duration.toMinutesPart() == 0) {
            return duration.toHours() == 1 ? "an hour" : duration.toHours() + " hours";
        }
        return duration.toMinutes() > 0 ? duration.toMinutes() + " minutes" : duration.toSeconds() + " seconds";
    }

}
