package io.transcoder.encoder.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ProgressTrackerTests {

    private Instant now = Instant.parse("2025-01-01T12:00:00Z");
    private final List<String> writes = new ArrayList<>();

    private ProgressTracker tracker(String... formats) {
        Map<String, Double> costs = new LinkedHashMap<>();
        for (String format : formats) {
            costs.put(format, 1.0);
        }
        return tracker(costs);
    }

    private ProgressTracker tracker(Map<String, Double> costs) {
        return new ProgressTracker("job-1", costs, Duration.ofSeconds(10),
                (job, format, percent, overall, end) -> writes.add(format + " " + percent + " " + overall),
                Duration.ofMillis(500), () -> now);
    }

    @Test
    void reportsOverallProgressAsNinetyPercentOfTheFormatsMean() {
        ProgressTracker progress = tracker("mp4", "webm");

        progress.update("mp4", 100);
        later(500);
        progress.update("webm", 50);
        progress.update("webm", 100);

        assertThat(writes).containsExactly("mp4 100 45", "webm 50 67", "webm 100 90");
    }

    @Test
    void weighsEachFormatByTheWorkItCosts() {
        Map<String, Double> costs = new LinkedHashMap<>();
        costs.put("hls", 8.0);
        costs.put("thumbnail", 0.5);
        costs.put("mp4", 1.5);
        ProgressTracker progress = tracker(costs);

        progress.update("thumbnail", 100);
        later(500);
        progress.update("hls", 50);
        later(500);
        progress.update("hls", 100);
        later(500);
        progress.update("mp4", 100);

        // 90 x 0.5/10, then 90 x (0.5 + 4)/10, 90 x 8.5/10, 90
        assertThat(writes).containsExactly("thumbnail 100 4", "hls 50 40", "hls 100 76", "mp4 100 90");
    }

    @Test
    void neverGoesBackNorPastNinetyWhateverFormatsReportInWhatOrder() {
        Map<String, Double> costs = new LinkedHashMap<>();
        costs.put("a", 3.0);
        costs.put("b", 1e-3);
        costs.put("c", 0.0);
        costs.put("d", 7.7);
        ProgressTracker progress = new ProgressTracker("job-1", costs, Duration.ofSeconds(10),
                (job, format, percent, overall, end) -> writes.add(String.valueOf(overall)), Duration.ZERO, () -> now);
        Random random = new Random(6);
        List<String> formats = List.copyOf(costs.keySet());

        for (int i = 0; i < 400; i++) {
            progress.update(formats.get(random.nextInt(formats.size())), random.nextInt(120) - 10);
        }
        formats.forEach(format -> progress.update(format, 100));

        assertThat(writes.stream().map(Integer::valueOf).toList()).isSorted().allMatch(overall -> overall <= 90)
                .last().isEqualTo(90);
    }

    @Test
    void writesAtMostOncePerInterval() {
        ProgressTracker progress = tracker("mp4");

        progress.update("mp4", 10);
        later(200);
        progress.update("mp4", 20);
        later(299);
        progress.update("mp4", 30);
        later(1);
        progress.update("mp4", 40);

        assertThat(writes).containsExactly("mp4 10 9", "mp4 40 36");
    }

    @Test
    void alwaysWritesThatAFormatIsComplete() {
        ProgressTracker progress = tracker("mp4");

        progress.update("mp4", 80);
        later(10);
        progress.update("mp4", 100);

        assertThat(writes).containsExactly("mp4 80 72", "mp4 100 90");
    }

    @Test
    void neverReportsAFormatGoingBackOrTheSameValueTwice() {
        ProgressTracker progress = tracker("mp4");

        progress.update("mp4", 60);
        later(500);
        progress.update("mp4", 40);
        later(500);
        progress.update("mp4", 60);
        progress.update("mp4", 100);
        later(500);
        progress.update("mp4", 100);

        assertThat(writes).containsExactly("mp4 60 54", "mp4 100 90");
        assertThat(progress.overall()).isEqualTo(90);
    }

    @Test
    void clampsWhatFfmpegReports() {
        ProgressTracker progress = tracker("mp4");

        progress.update("mp4", 250);

        assertThat(writes).containsExactly("mp4 100 90");
    }

    @Test
    void keepsEncodingWhenProgressCannotBeRecorded() {
        ProgressTracker progress = new ProgressTracker("job-1", Map.of("mp4", 1.0), Duration.ofSeconds(10), (job, format, percent, overall, end) -> {
            throw new IllegalStateException("Redis is away");
        }, Duration.ZERO, () -> now);

        assertThatNoException().isThrownBy(() -> progress.update("mp4", 100));
    }

    @Test
    void measuresOutTimeAgainstTheDurationInWholeClampedPercent() {
        assertThat(Percent.of(1_000, 3_000)).isEqualTo(33);
        assertThat(Percent.of(2_999, 3_000)).isEqualTo(99);
        assertThat(Percent.of(3_000, 3_000)).isEqualTo(100);
        assertThat(Percent.of(3_100, 3_000)).isEqualTo(100);
        assertThat(Percent.of(-40, 3_000)).isZero();
        assertThat(Percent.of(1_000, 0)).isZero();
        assertThat(Percent.of(14_400_000L, 14_400_000L)).isEqualTo(100);
    }

    private void later(long millis) {
        now = now.plusMillis(millis);
    }
}
