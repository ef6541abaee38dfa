package io.transcoder.encoder.encoding;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The encoding progress of one job, per format and overall, passed on to the job's state only when it rose, at most
 * once an interval, and always when a format reaches 100. Overall progress is 90% of the formats' mean: encoding is
 * the first 90 of the job's 100, uploading the rest.
 */
final class ProgressTracker {

    private static final Logger log = LoggerFactory.getLogger(ProgressTracker.class);

    /** Where progress goes: {@code JobStore#recordProgress}. */
    @FunctionalInterface
    interface Sink {
        void record(String jobId, String format, int formatPercent, int overallPercent);
    }

    private final String jobId;
    private final List<String> formats;
    private final Sink sink;
    private final Duration interval;
    private final InstantSource clock;
    private final Map<String, Integer> percents = new HashMap<>();
    private @Nullable Instant lastWrite;

    ProgressTracker(String jobId, List<String> formats, Sink sink, Duration interval, InstantSource clock) {
        this.jobId = jobId;
        this.formats = List.copyOf(formats);
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
        if (value == 100 || lastWrite == null || !now.isBefore(lastWrite.plus(interval))) {
            lastWrite = now;
            write(format, value);
        }
    }

    synchronized int overall() {
        long sum = formats.stream().mapToLong(format -> percents.getOrDefault(format, 0)).sum();
        return formats.isEmpty() ? 0 : (int) (sum * 9 / (10L * formats.size()));
    }

    private void write(String format, int value) {
        try {
            sink.record(jobId, format, value, overall());
        } catch (RuntimeException e) {
            // progress is only shown to the user: a Redis hiccup must not abort an encode of many minutes
            log.warn("Could not record the progress of job {}: {}", jobId, e.getMessage());
        }
    }
}
