package io.transcoder.jobs;

import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Warns at start when Redis keeps the job state only in memory: Redis is the job store of record, and one that
 * restarts without an append-only file forgets every job in flight (each later message is then dropped "for an
 * unknown job").
 */
public class PersistenceCheck {

    private static final Logger log = LoggerFactory.getLogger(PersistenceCheck.class);

    private final StringRedisTemplate redis;

    public PersistenceCheck(StringRedisTemplate redis) {
        this.redis = redis;
    }

    @EventListener(ApplicationReadyEvent.class)
    void check() {
        try {
            Properties persistence = redis.execute((RedisConnection connection) ->
                    connection.serverCommands().info("persistence"));
            if (persistence != null && "0".equals(persistence.getProperty("aof_enabled"))) {
                log.warn("Redis keeps the job state without an append-only file (appendonly no): a restart of Redis "
                        + "loses every unfinished job. Run it with appendonly yes (README, Production Redis).");
            }
        } catch (RuntimeException e) {
            log.warn("Could not ask Redis whether it persists the job state: {}", e.getMessage());
        }
    }
}
