package io.transcoder.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.transcoder.test.TranscoderTest;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@TranscoderTest
class RateLimiterTests {

    @Autowired
    RateLimiter limiter;

    @Test
    void allowsTheLimitInAWindowThenSaysWhenToComeBack() {
        String owner = "owner-" + UUID.randomUUID();
        RateLimiter.Limit limit = new RateLimiter.Limit(3, Duration.ofMinutes(1));

        for (int i = 0; i < 3; i++) {
            assertThat(limiter.take("submissions", owner, limit).allowed()).isTrue();
        }
        RateLimiter.Decision refused = limiter.take("submissions", owner, limit);

        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(1));
        assertThat(limiter.take("emails", owner, limit).allowed()).as("another counter").isTrue();
        assertThat(limiter.take("submissions", "owner-" + UUID.randomUUID(), limit).allowed()).as("another owner")
                .isTrue();
    }

    @Test
    void allowsAgainOnceTheWindowHasMovedOn() {
        String owner = "owner-" + UUID.randomUUID();
        RateLimiter.Limit limit = new RateLimiter.Limit(1, Duration.ofMillis(300));
        assertThat(limiter.take("submissions", owner, limit).allowed()).isTrue();
        assertThat(limiter.take("submissions", owner, limit).allowed()).isFalse();

        await().atMost(Duration.ofSeconds(5)).until(() -> limiter.take("submissions", owner, limit).allowed());
    }
}
