package io.transcoder.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.ExchangeBuilder;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.core.TopicExchange;

/**
 * The RabbitMQ names and objects of one namespace. Every service declares the whole topology, so that a message
 * published before its consumer first started is queued rather than returned as unroutable.
 *
 * <p>Listeners name their queue through this bean: {@code @RabbitListener(queues =
 * "#{@topology.queue('encoder.source-downloaded')}")}.
 */
public class Topology {

    private final String namespace;
    private final int deliveryLimit;
    private final List<Duration> retryDelays;

    public Topology(String namespace, int deliveryLimit, List<Duration> retryDelays) {
        this.namespace = namespace;
        this.deliveryLimit = deliveryLimit;
        this.retryDelays = List.copyOf(retryDelays);
    }

    /** The topic exchange every event is published to. */
    public String exchange() {
        return namespace + ".events";
    }

    /** Where a queue's rejected or over-delivered messages go, routed by the queue's name. */
    public String deadLetterExchange() {
        return namespace + ".dead-letters";
    }

    /** The full name of a subscription's queue, given its name without namespace. */
    public String queue(String queueName) {
        return queue(Arrays.stream(Subscription.values())
                .filter(subscription -> subscription.queueName().equals(queueName))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No subscription has the queue " + queueName)));
    }

    public String queue(Subscription subscription) {
        return namespace + "." + subscription.queueName();
    }

    /** The subscription whose queue has this full name, if one has. */
    public Optional<Subscription> subscriptionOf(@Nullable String queue) {
        return Arrays.stream(Subscription.values()).filter(subscription -> queue(subscription).equals(queue))
                .findFirst();
    }

    /** The queue that keeps a subscription's dead letters for an operator to inspect. */
    public String parkedQueue(Subscription subscription) {
        return queue(subscription) + ".parked";
    }

    /**
     * The queue that hears of every dead letter too (of the subscriptions that {@link Subscription#failsJobWhenParked
     * fail their job}), so that the job it belongs to is failed at once, while the parked queues keep the messages
     * themselves.
     */
    public String parkedJobsQueue() {
        return namespace + ".parked-jobs";
    }

    /**
     * The queue a subscription's message waits {@code delay} in before it goes back to the subscription's queue: one
     * of the configured retry delays, so the smallest of them at least as long, or the longest.
     */
    public String retryQueue(Subscription subscription, Duration delay) {
        Duration wait = retryDelays.stream().filter(configured -> configured.compareTo(delay) >= 0).findFirst()
                .orElse(retryDelays.get(retryDelays.size() - 1));
        return queue(subscription) + ".retry." + label(wait);
    }

    private static String label(Duration delay) {
        return delay.toMillis() % 1000 == 0 ? delay.toSeconds() + "s" : delay.toMillis() + "ms";
    }

    public Declarables declarables() {
        TopicExchange events = ExchangeBuilder.topicExchange(exchange()).durable(true).build();
        DirectExchange deadLetters = ExchangeBuilder.directExchange(deadLetterExchange()).durable(true).build();
        Queue parkedJobs = QueueBuilder.durable(parkedJobsQueue()).quorum().build();
        List<Declarable> declarables = new ArrayList<>(List.of(events, deadLetters, parkedJobs));
        for (Subscription subscription : Subscription.values()) {
            Queue queue = QueueBuilder.durable(queue(subscription))
                    .quorum()
                    .deliveryLimit(deliveryLimit)
                    .deadLetterExchange(deadLetterExchange())
                    .deadLetterRoutingKey(queue(subscription))
                    .build();
            Queue parked = QueueBuilder.durable(parkedQueue(subscription)).quorum().build();
            Binding binding = BindingBuilder.bind(queue).to(events).with(subscription.event().routingKey());
            Binding parking = BindingBuilder.bind(parked).to(deadLetters).with(queue(subscription));
            declarables.addAll(List.of(queue, parked, binding, parking));
            if (subscription.failsJobWhenParked()) {
                declarables.add(BindingBuilder.bind(parkedJobs).to(deadLetters).with(queue(subscription)));
            }
            retryDelays.stream().distinct().forEach(delay -> declarables.add(retryQueue(subscription, delay, delay)));
        }
        return new Declarables(declarables);
    }

    /**
     * A queue nobody consumes: each message expires after {@code delay} and is dead-lettered, through the default
     * exchange, back to the subscription's queue; at least once, so that a broker failing over loses none.
     */
    private Queue retryQueue(Subscription subscription, Duration delay, Duration wait) {
        return QueueBuilder.durable(retryQueue(subscription, delay))
                .quorum()
                .ttl(Math.toIntExact(wait.toMillis()))
                .deadLetterExchange("")
                .deadLetterRoutingKey(queue(subscription))
                .overflow(QueueBuilder.Overflow.rejectPublish)
                .withArgument("x-dead-letter-strategy", "at-least-once")
                .build();
    }
}
