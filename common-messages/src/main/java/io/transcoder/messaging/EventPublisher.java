package io.transcoder.messaging;

import io.transcoder.messages.EventType;
import io.transcoder.messages.JobEvent;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * Publishes events and returns only once the broker has confirmed and routed them, so that a stage acknowledges its
 * input only after its output is safe. A message's id is {@code {jobId}:{attempt}:{routingKey}} and its correlation
 * id the job id, so a redelivered stage republishes the very same message.
 */
public class EventPublisher {

    private final RabbitTemplate rabbit;
    private final Topology topology;
    private final Duration confirmTimeout;

    public EventPublisher(RabbitTemplate rabbit, Topology topology, Duration confirmTimeout) {
        this.rabbit = rabbit;
        this.topology = topology;
        this.confirmTimeout = confirmTimeout;
    }

    public void publish(JobEvent event) {
        EventType type = EventType.of(event);
        send(topology.exchange(), type.routingKey(), event, type);
    }

    /**
     * Puts an event back at the end of one subscription's queue only (through the default exchange), as the same
     * message: for a consumer that cannot take it yet. Unlike a requeue, it does not count toward the delivery limit;
     * unlike {@link #publish}, no other subscriber sees it again.
     */
    public void sendBack(JobEvent event, Subscription subscription) {
        EventType type = EventType.of(event);
        if (subscription.event() != type) {
            throw new IllegalArgumentException(subscription + " does not consume " + type);
        }
        send("", topology.queue(subscription), event, type);
    }

    /**
     * Puts an event back into one subscription's queue after at least {@code delay} (through the subscription's
     * retry queues), as the same message: for a consumer that cannot take it yet and should not keep asking.
     */
    public void sendBackLater(JobEvent event, Subscription subscription, Duration delay) {
        EventType type = EventType.of(event);
        if (subscription.event() != type) {
            throw new IllegalArgumentException(subscription + " does not consume " + type);
        }
        send("", topology.retryQueue(subscription, delay), event, type);
    }

    /** Sends a message as it is, to a queue, and waits for the broker's confirm. */
    void resend(Message message, String queue) {
        CorrelationData correlation = new CorrelationData();
        rabbit.send("", queue, message, correlation);
        awaitConfirm(correlation);
    }

    private void send(String exchange, String routingKey, JobEvent event, EventType type) {
        String messageId = event.jobId() + ":" + event.job().attempt() + ":" + type.routingKey();
        CorrelationData correlation = new CorrelationData(messageId);
        rabbit.convertAndSend(exchange, routingKey, event, message -> {
            MessageProperties properties = message.getMessageProperties();
            properties.setMessageId(messageId);
            properties.setCorrelationId(event.jobId());
            return message;
        }, correlation);
        awaitConfirm(correlation);
    }

    private void awaitConfirm(CorrelationData correlation) {
        try {
            CorrelationData.Confirm confirm =
                    correlation.getFuture().get(confirmTimeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!confirm.ack()) {
                throw new PublishFailedException("Broker refused " + correlation.getId() + ": " + confirm.reason());
            }
            if (correlation.getReturned() != null) {
                throw new PublishFailedException("No queue is bound for " + correlation.getId()
                        + ": " + correlation.getReturned().getReplyText());
            }
        } catch (TimeoutException e) {
            throw new PublishFailedException("Broker did not confirm " + correlation.getId() + " in " + confirmTimeout, e);
        } catch (ExecutionException e) {
            throw new PublishFailedException("Publishing " + correlation.getId() + " failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishFailedException("Interrupted waiting for the confirm of " + correlation.getId(), e);
        }
    }
}
