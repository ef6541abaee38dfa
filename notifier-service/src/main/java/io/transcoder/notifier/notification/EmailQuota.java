package io.transcoder.notifier.notification;

import io.transcoder.jobs.RateLimiter;
import java.time.Duration;

/**
 * How many emails one owner may be sent an hour, counted in Redis across every notifier replica, so that someone
 * submitting jobs in a loop cannot turn the service into a mail cannon (against themselves or the addresses they give).
 */
class EmailQuota {

    static final String COUNTER = "emails";

    private final RateLimiter limiter;
    private final RateLimiter.Limit limit;

    EmailQuota(RateLimiter limiter, int perHour) {
        this.limiter = limiter;
        this.limit = new RateLimiter.Limit(perHour, Duration.ofHours(1));
    }

    /** Counts one email to the owner, unless they have had their hour's worth. */
    RateLimiter.Decision take(String owner) {
        return limiter.take(COUNTER, owner, limit);
    }

    int perHour() {
        return limit.count();
    }
}
