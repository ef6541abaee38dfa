package io.transcoder.encoder.encoding;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * When a job's encoding will end, from the work left and how fast it goes (ffmpeg's speed times the work a second of
 * the current format costs). Both are smoothed, over about {@link #TIME_CONSTANT}: the estimate follows a lasting
 * change of pace but not a burst, and the time it leaves never grows, so that a person watching sees it count down
 * rather than jump about. A pace that stays slower moves the end later by at most half the time that passes; an end
 * that passed with work left is estimated anew.
 */
final class EndEstimator {

    static final Duration TIME_CONSTANT = Duration.ofSeconds(10);

    private @Nullable Instant lastAt;
    private double rate;
    private @Nullable Instant end;

    /**
     * The end as now estimated, or null before any pace was seen.
     *
     * @param remainingWork the work left, in the unit of {@code workPerSecond}
     * @param workPerSecond how much work the encoder now does a second; not positive when it cannot tell
     */
    synchronized @Nullable Instant update(Instant now, double remainingWork, double workPerSecond) {
        if (!(workPerSecond > 0) || !Double.isFinite(workPerSecond)) {
            return estimate(now);
        }
        double weight = 1;
        if (lastAt != null) {
            double elapsed = Math.max(0, Duration.between(lastAt, now).toMillis()) / 1000.0;
            weight = 1 - Math.exp(-elapsed / (TIME_CONSTANT.toMillis() / 1000.0));
            rate += weight * (workPerSecond - rate);
        } else {
            rate = workPerSecond;
        }
        Instant candidate = now.plusMillis((long) (Math.max(0, remainingWork) / rate * 1000));
        // the first estimate, or one that proved too early: nothing to smooth from
        if (end == null || lastAt == null || end.isBefore(now)) {
            end = candidate;
        } else {
            long shift = (long) (Duration.between(end, candidate).toMillis() * weight);
            long elapsed = Math.max(0, Duration.between(lastAt, now).toMillis());
            end = end.plusMillis(Math.min(shift, elapsed / 2));
        }
        lastAt = now;
        return estimate(now);
    }

    /** Done: the end is now. */
    synchronized Instant finish(Instant now) {
        end = now;
        lastAt = now;
        return now;
    }

    private @Nullable Instant estimate(Instant now) {
        return end == null ? null : end.isBefore(now) ? now : end;
    }
}
