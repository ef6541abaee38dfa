package io.transcoder.test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Predicate;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * A temporary queue bound to the events exchange, for a test to read what a service published. (Spring AMQP's
 * AnonymousQueue declares an argument that RabbitMQ 3.10's classic queues refuse, hence a plain one.)
 */
public final class EventCapture implements AutoCloseable {

    private final AmqpAdmin admin;
    private final RabbitTemplate rabbit;
    private final String queue;

    private EventCapture(AmqpAdmin admin, RabbitTemplate rabbit, String exchange, String routingKey) {
        this.admin = admin;
        this.rabbit = rabbit;
        this.queue = TestInfrastructure.namespace() + ".capture." + UUID.randomUUID();
        // exclusive, so it goes with the connection even if a test never closes it; not auto-delete, since every
        // receive with a timeout consumes and cancels, which would delete an auto-delete queue
        admin.declareQueue(new Queue(queue, false, true, false));
        admin.declareBinding(new Binding(queue, Binding.DestinationType.QUEUE, exchange, routingKey, null));
    }

    public static EventCapture of(AmqpAdmin admin, RabbitTemplate rabbit, String exchange, String routingKey) {
        return new EventCapture(admin, rabbit, exchange, routingKey);
    }

    /** The next captured event, or null if none arrives in time. */
    public <T> T next(Class<T> type, Duration timeout) {
        Object event = rabbit.receiveAndConvert(queue, timeout.toMillis());
        return event == null ? null : type.cast(event);
    }

    /** The next captured event that matches, skipping others (other tests' jobs), or null if none arrives in time. */
    public <T> T next(Class<T> type, Predicate<T> wanted, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        for (Duration left = timeout; left.toMillis() > 0; left = Duration.between(Instant.now(), deadline)) {
            // a receive with a negative timeout would wait for ever: the loop never gets there
            T event = next(type, left);
            if (event != null && wanted.test(event)) {
                return event;
            }
        }
        return null;
    }

    @Override
    public void close() {
        admin.deleteQueue(queue);
    }
}
