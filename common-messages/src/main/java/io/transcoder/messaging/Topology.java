package io.transcoder.messaging;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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

    public Topology(String namespace, int deliveryLimit) {
        this.namespace = namespace;
        this.deliveryLimit = deliveryLimit;
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

    /** The queue that keeps a subscription's dead letters for an operator to inspect. */
    public String parkedQueue(Subscription subscription) {
        return queue(subscription) + ".parked";
    }

    public Declarables declarables() {
        TopicExchange events = ExchangeBuilder.topicExchange(exchange()).durable(true).build();
        DirectExchange deadLetters = ExchangeBuilder.directExchange(deadLetterExchange()).durable(true).build();
        List<Declarable> declarables = new ArrayList<>(List.of(events, deadLetters));
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
        }
        return new Declarables(declarables);
    }
}
