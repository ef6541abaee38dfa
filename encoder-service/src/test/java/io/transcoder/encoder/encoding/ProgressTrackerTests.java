package io.transcoder.encoder.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressTrackerTests {

    private Instant now = Instant.parse("2025-01-01T12:00:00Z");
    private final List<String> writes = new ArrayList<>();

    private ProgressTracker tracker(String... formats) {
        return new ProgressTracker("job-1", List.of(formats),
                (job, format, percent, overall) -> writes.add(format + " " + percent + " " + overall),
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
        ProgressTracker progress = new ProgressTracker("job-1", List.of("mp4"), (job, format, percent, overall) -> {
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
