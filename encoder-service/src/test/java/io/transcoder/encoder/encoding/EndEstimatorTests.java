package io.transcoder.encoder.encoding;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EndEstimatorTests {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void knowsNothingBeforeItSawAPace() {
        assertThat(new EndEstimator().update(START, 100, 0)).isNull();
    }

    @Test
    void countsDownSteadilyThoughTheSpeedFfmpegReportsJumpsAbout() {
        // 600 units of work at 2 a second on average, reported twice a second with ±50 % noise
        EndEstimator estimator = new EndEstimator();
        Random random = new Random(7);
        double remaining = 600;
        List<Duration> left = new ArrayList<>();
        Instant now = START;
        while (remaining > 0) {
            double pace = 2 * (0.5 + random.nextDouble());
            remaining -= pace / 2;
            now = now.plusMillis(500);
            Instant end = estimator.update(now, remaining, pace);
            left.add(Duration.between(now, end));
        }

        // up to its last second, when an end estimated a little early passes and is estimated anew
        for (int i = 1; i < left.size() && left.get(i - 1).toSeconds() >= 1; i++) {
            assertThat(left.get(i)).as("time left at step %d", i).isLessThanOrEqualTo(left.get(i - 1));
        }
        // ten seconds in, it is within a fifth of the 290 s then left
        assertThat(left.get(20).toSeconds()).isBetween(232L, 348L);
    }

    @Test
    void movesTheEndLaterWhenThePaceHalvesYetNeverLetsTheTimeLeftGrow() {
        EndEstimator estimator = new EndEstimator();
        Instant now = START;
        double remaining = 1000;
        Instant firstEnd = null;
        Duration left = Duration.ofDays(1);
        for (int i = 0; i < 120; i++) {
            double pace = i < 20 ? 10 : 5;
            remaining -= pace;
            now = now.plusSeconds(1);
            Instant end = estimator.update(now, remaining, pace);
            firstEnd = i == 19 ? end : firstEnd;
            assertThat(Duration.between(now, end)).isLessThanOrEqualTo(left);
            left = Duration.between(now, end);
        }
        // at 10 a second it would be done 100 s in; at 5 it is 180 s, which the end approaches at half the time passing
        assertThat(firstEnd).isBetween(START.plusSeconds(95), START.plusSeconds(105));
        assertThat(estimator.update(now, remaining, 5)).isAfter(START.plusSeconds(145));
    }

    @Test
    void estimatesAnewAnEndThatPassedWithWorkLeft() {
        EndEstimator estimator = new EndEstimator();
        estimator.update(START, 10, 10);

        Instant later = START.plusSeconds(30);
        assertThat(estimator.update(later, 100, 1)).isAfter(later.plusSeconds(60));
    }
}
