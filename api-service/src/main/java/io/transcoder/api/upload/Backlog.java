package io.transcoder.api.upload;

import io.transcoder.messaging.Subscription;
import io.transcoder.messaging.Topology;
import java.time.Duration;
import java.util.List;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.QueueInformation;
import org.springframework.stereotype.Component;

/**
 * How many jobs wait in the broker to be downloaded or encoded, read at most once a {@link #FRESHNESS} so a burst
 * of submissions does not become a burst of broker round trips.
 */
@Component
class Backlog {

    private static final Duration FRESHNESS = Duration.ofSeconds(2);
    private static final List<Subscription> WAITING =
            List.of(Subscription.DOWNLOADER_JOB_REQUESTED, Subscription.ENCODER_SOURCE_DOWNLOADED);

    private final AmqpAdmin admin;
    private final Topology topology;
    private long readAt = Long.MIN_VALUE;
    private long waiting;

    Backlog(AmqpAdmin admin, Topology topology) {
        this.admin = admin;
        this.topology = topology;
    }

    synchronized long waiting() {
        long now = System.nanoTime();
        if (readAt == Long.MIN_VALUE || now - readAt >= FRESHNESS.toNanos()) {
            waiting = WAITING.stream().mapToLong(this::messages).sum();
            readAt = now;
        }
        return waiting;
    }

    private long messages(Subscription subscription) {
        QueueInformation queue = admin.getQueueInfo(topology.queue(subscription));
        return queue == null ? 0 : queue.getMessageCount();
    }
}
