package io.transcoder.fault;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.Envelope;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Delivers every event twice: a queue of its own, bound to {@code {namespace}.events} with {@code #}, hears each
 * event, and publishes it once more (same properties, so the same messageId) through the default exchange to every
 * queue the events exchange had routed it to, as a broker redelivering or a publisher retrying after a lost confirm
 * would. The subscribers' bindings are read from the broker once the services have declared them.
 */
final class Duplicator implements AutoCloseable {

    record Binding(String queue, String pattern) {}

    private final Connection connection;
    private final Channel channel;
    private final List<Binding> bindings;
    private final AtomicInteger duplicated = new AtomicInteger();

    Duplicator(RabbitNode node, String namespace) throws Exception {
        String exchange = namespace + ".events";
        String own = namespace + ".fault.duplicator";
        bindings = bindings(node, exchange);
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        factory.setPort(node.port());
        connection = factory.newConnection("fault-duplicator");
        channel = connection.createChannel();
        channel.confirmSelect();
        channel.queueDeclare(own, false, true, true, null);
        channel.queueBind(own, exchange, "#");
        channel.basicQos(1);
        channel.basicConsume(own, false, (tag, delivery) -> {
            duplicate(delivery.getEnvelope(), delivery.getProperties(), delivery.getBody());
        }, tag -> { });
    }

    List<Binding> bindings() {
        return bindings;
    }

    int duplicated() {
        return duplicated.get();
    }

    private void duplicate(Envelope envelope, AMQP.BasicProperties properties, byte[] body) throws IOException {
        for (Binding binding : bindings) {
            if (matches(binding.pattern(), envelope.getRoutingKey())) {
                channel.basicPublish("", binding.queue(), true, properties, body);
                duplicated.incrementAndGet();
            }
        }
        try {
            channel.waitForConfirmsOrDie(10_000);
        } catch (Exception e) {
            throw new IOException("The duplicate was not confirmed", e);
        }
        channel.basicAck(envelope.getDeliveryTag(), false);
    }

    private static List<Binding> bindings(RabbitNode node, String exchange) {
        List<Binding> found = new ArrayList<>();
        for (String line : node.ctl("list_bindings", "source_name", "destination_name", "routing_key").split("\n")) {
            String[] columns = line.split("\t");
            if (columns.length == 3 && columns[0].equals(exchange)) {
                found.add(new Binding(columns[1], columns[2]));
            }
        }
        return found;
    }

    /** AMQP topic matching: {@code *} is one word, {@code #} zero or more. */
    static boolean matches(String pattern, String key) {
        return matches(pattern.split("\\."), 0, key.split("\\."), 0);
    }

    private static boolean matches(String[] pattern, int p, String[] key, int k) {
        if (p == pattern.length) {
            return k == key.length;
        }
        if (pattern[p].equals("#")) {
            for (int skip = k; skip <= key.length; skip++) {
                if (matches(pattern, p + 1, key, skip)) {
                    return true;
                }
            }
            return false;
        }
        return k < key.length && (pattern[p].equals("*") || pattern[p].equals(key[k]))
                && matches(pattern, p + 1, key, k + 1);
    }

    @Override
    public void close() throws Exception {
        connection.close();
    }
}
