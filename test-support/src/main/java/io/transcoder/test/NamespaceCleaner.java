package io.transcoder.test;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.api.StatefulRedisConnection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.Exchange;
import org.springframework.amqp.core.Queue;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextRefreshedEvent;

/**
 * Removes what a test JVM created in the shared broker and Redis once it exits: every queue and exchange any test
 * context declared, and every key of the test namespace. It uses connections of its own, since by then the
 * contexts' connections may be closed, and it runs once per JVM rather than when a context stops (Spring pauses
 * cached contexts it is not using, which is no reason to delete their queues).
 */
final class NamespaceCleaner implements ApplicationListener<ContextRefreshedEvent> {

    private static final Set<String> QUEUES = ConcurrentHashMap.newKeySet();
    private static final Set<String> EXCHANGES = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(NamespaceCleaner::clean, "namespace-cleaner"));
    }

    @Override
    public void onApplicationEvent(ContextRefreshedEvent event) {
        event.getApplicationContext().getBeansOfType(Declarables.class).values().forEach(declarables -> {
            declarables.getDeclarablesByType(Queue.class).forEach(queue -> QUEUES.add(queue.getName()));
            declarables.getDeclarablesByType(Exchange.class).forEach(exchange -> EXCHANGES.add(exchange.getName()));
        });
    }

    // runs in a shutdown hook, when logging may already be gone: hence System.err
    private static void clean() {
        Map<String, String> properties = TestInfrastructure.properties();
        try {
            deleteTopology(properties);
        } catch (Exception e) {
            System.err.println("Could not delete the test queues: " + e);
        }
        try {
            deleteKeys(properties);
        } catch (Exception e) {
            System.err.println("Could not delete the test keys: " + e);
        }
    }

    private static void deleteTopology(Map<String, String> properties) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(properties.get("spring.rabbitmq.host"));
        factory.setPort(Integer.parseInt(properties.get("spring.rabbitmq.port")));
        factory.setUsername(properties.get("spring.rabbitmq.username"));
        factory.setPassword(properties.get("spring.rabbitmq.password"));
        try (Connection connection = factory.newConnection(); Channel channel = connection.createChannel()) {
            for (String queue : QUEUES) {
                channel.queueDelete(queue);
            }
            for (String exchange : EXCHANGES) {
                channel.exchangeDelete(exchange);
            }
        }
    }

    private static void deleteKeys(Map<String, String> properties) {
        RedisClient client = RedisClient.create(RedisURI.create(
                properties.get("spring.data.redis.host"), Integer.parseInt(properties.get("spring.data.redis.port"))));
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            ScanIterator<String> keys = ScanIterator.scan(connection.sync(),
                    ScanArgs.Builder.matches(TestInfrastructure.namespace() + ":*").limit(500));
            while (keys.hasNext()) {
                connection.sync().del(keys.next());
            }
        } finally {
            client.shutdown();
        }
    }
}
