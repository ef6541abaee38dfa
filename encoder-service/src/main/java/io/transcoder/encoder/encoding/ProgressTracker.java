package io.transcoder.encoder.encoding;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The encoding progress of one job, per format and overall, passed on to the job's state only when it rose, at most
 * once an interval, and always when a format reaches 100. Overall progress is 90% of the formats' progress weighted by
 * the work each costs (an HLS ladder weighs as much as its rungs together, a poster next to nothing): encoding is the
 * first 90 of the job's 100, uploading the rest. Neither ever goes back. Each write carries when encoding should end,
 * by the {@link EndEstimator}, from the work left and ffmpeg's speed on the format it encodes.
 */
final class ProgressTracker {

    private static final Logger log = LoggerFactory.getLogger(ProgressTracker.class);

    /** Where progress goes: {@code JobStore#recordProgress}. */
    @FunctionalInterface
    interface Sink {
        void record(String jobId, String format, int formatPercent, int overallPercent, @Nullable Instant estimatedEnd);
    }

    private final String jobId;
    private final Map<String, Double> weights;
    private final double totalWeight;
    private final Sink sink;
    private final Duration interval;
    private final InstantSource clock;
    private final Map<String, Integer> percents = new HashMap<>();
    private final Set<String> abandoned = new HashSet<>();
    private final EndEstimator estimator = new EndEstimator();
    private final double seconds;
    private @Nullable Instant lastWrite;
    private @Nullable Instant estimatedEnd;
    private int lastOverall;

    /**
     * {@code costs}: each format's work ({@link RenditionEncoder#cost()}), any unit; what is not positive counts 1.
     * {@code duration}: the source's, which ffmpeg's speed is measured against.
     */
    ProgressTracker(String jobId, Map<String, Double> costs, Duration duration, Sink sink, Duration interval,
            InstantSource clock) {
        this.jobId = jobId;
        this.weights = new LinkedHashMap<>();
        costs.forEach((format, cost) -> weights.put(format, cost > 0 && Double.isFinite(cost) ? cost : 1));
        this.totalWeight = weights.values().stream().mapToDouble(Double::doubleValue).sum();
        this.seconds = Math.max(duration.toMillis(), 1) / 1000.0;
        this.sink = sink;
        this.interval = interval;
        this.clock = clock;
    }

    synchronized void update(String format, int percent) {
        int value = Percent.clamp(percent);
        if (value <= percents.getOrDefault(format, 0)) {
            return;
        }
        percents.put(format, value);
        Instant now = clock.instant();
        if (value == 100 && remaining() <= 0) {
            estimatedEnd = estimator.finish(now);
        }
        if (value == 100 || lastWrite == null || !now.isBefore(lastWrite.plus(interval))) {
            lastWrite = now;
            write(format, value);
        }
    }

    /**
     * A format that failed: its work counts as done in the overall progress (which so still ends at 90), while its
     * own progress stays where it stopped.
     */
    synchronized void abandon(String format) {
        if (!abandoned.add(format)) {
            return;
        }
        lastWrite = clock.instant();
        if (remaining() <= 0) {
            estimatedEnd = estimator.finish(lastWrite);
        }
        write(format, percents.getOrDefault(format, 0));
    }

    /** ffmpeg's speed on a format (seconds of the source a second): how fast the work left will go. */
    synchronized void speed(String format, double speed) {
        double workPerSecond = speed * weights.getOrDefault(format, 0.0) / seconds;
        estimatedEnd = estimator.update(clock.instant(), remaining(), workPerSecond);
    }

    synchronized int overall() {
        if (totalWeight <= 0) {
            return 0;
        }
        double done = totalWeight - remaining();
        // a hair of slack, so that all formats at 100 make exactly 90 despite rounding
        lastOverall = Math.max(lastOverall, (int) Math.min(90, Math.floor(done * 90 / totalWeight + 1e-9)));
        return lastOverall;
    }

    synchronized @Nullable Instant estimatedEnd() {
        return estimatedEnd;
    }

    private double remaining() {
        return weights.entrySet().stream()
                .filter(format -> !abandoned.contains(format.getKey()))
                .mapToDouble(format -> format.getValue() * (100 - percents.getOrDefault(format.getKey(), 0)) / 100)
                .sum();
    }

    private void write(String format, int value) {
        try {
            sink.record(jobId, format, value, overall(), estimatedEnd);
        } catch (RuntimeException e) {
            // progress is only shown to the user: a Redis hiccup must not abort an encode of many minutes
            log.warn("Could not record the progress of job {}: {}", jobId, e.getMessage());
        }
    }
}
