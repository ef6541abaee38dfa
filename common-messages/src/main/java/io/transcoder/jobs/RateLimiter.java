package io.transcoder.jobs;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Per-owner limits on how often something happens (submissions a minute, emails an hour), shared by every replica:
 * a sliding log in Redis at {@code {namespace}:owner:{owner}:rate:{counter}}, checked and counted in one script.
 */
public class RateLimiter {

    private static final RedisScript<Long> TAKE =
            RedisScript.of(new ClassPathResource("io/transcoder/jobs/rate.lua"), Long.class);

    private final StringRedisTemplate redis;
    private final String namespace;
    private final Clock clock;

    public RateLimiter(StringRedisTemplate redis, String namespace, Clock clock) {
        this.redis = redis;
        this.namespace = namespace;
        this.clock = clock;
    }

    /** Counts one event of {@code counter} for the owner, unless they have had {@code limit} of them in the window. */
    public Decision take(String counter, String owner, Limit limit) {
        Long wait = redis.execute(TAKE, List.of(key(counter, owner)), String.valueOf(clock.millis()),
                String.valueOf(limit.window().toMillis()), String.valueOf(limit.count()), UUID.randomUUID().toString());
        return wait == null || wait < 0 ? Decision.ALLOWED : new Decision(false, Duration.ofMillis(wait));
    }

    private String key(String counter, String owner) {
        return namespace + ":owner:" + Owners.requireValid(owner) + ":rate:" + counter;
    }

    /** At most {@code count} events per {@code window}. */
    public record Limit(int count, Duration window) {}

    /** Whether the event was allowed (and counted), and if not, how long until one would be. */
    public record Decision(boolean allowed, Duration retryAfter) {
        static final Decision ALLOWED = new Decision(true, Duration.ZERO);
    }
}
