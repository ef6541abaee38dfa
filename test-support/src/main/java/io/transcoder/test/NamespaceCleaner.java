package io.transcoder.test;

import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.Exchange;
import org.springframework.amqp.core.Queue;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Deletes what a test context created in the shared broker and Redis: its declared queues and exchanges and every
 * key of the test namespace. It stops last, after the listener containers.
 */
class NamespaceCleaner implements SmartLifecycle {

    private final ApplicationContext context;
    private volatile boolean running;

    NamespaceCleaner(ApplicationContext context) {
        this.context = context;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        context.getBeanProvider(AmqpAdmin.class).ifAvailable(this::deleteTopology);
        context.getBeanProvider(StringRedisTemplate.class).ifAvailable(this::deleteKeys);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MIN_VALUE;
    }

    private void deleteTopology(AmqpAdmin admin) {
        context.getBeansOfType(Declarables.class).values().forEach(declarables -> {
            declarables.getDeclarablesByType(Queue.class).forEach(queue -> admin.deleteQueue(queue.getName()));
            declarables.getDeclarablesByType(Exchange.class).forEach(exchange -> admin.deleteExchange(exchange.getName()));
        });
    }

    private void deleteKeys(StringRedisTemplate redis) {
        try (var keys = redis.scan(ScanOptions.scanOptions().match(TestInfrastructure.namespace() + ":*").build())) {
            keys.forEachRemaining(redis::delete);
        }
    }
}
