package io.transcoder.api.upload;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.transcoder.api.ApiProperties;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class UploadPaceTests {

    private final AtomicLong now = new AtomicLong();
    private final UploadPace pace = new UploadPace(properties(), now::get);

    @Test
    void letsAnUploadAtTheMinimumRateGoOnUntilItsDeadline() {
        assertThatCode(() -> {
            for (int second = 1; second <= 10; second++) {
                now.set(Duration.ofSeconds(second).toNanos());
                pace.arrived(1000);
            }
        }).doesNotThrowAnyException();
    }

    @Test
    void cutsOffAnUploadSlowerThanTheMinimumOverAWindow() throws Exception {
        now.set(Duration.ofMillis(500).toNanos());
        pace.arrived(600);
        now.set(Duration.ofMillis(999).toNanos());
        pace.arrived(300); // the window is not over yet

        now.set(Duration.ofMillis(1000).toNanos());
        assertThatExceptionOfType(UploadPace.TooSlowException.class).isThrownBy(() -> pace.arrived(99))
                .withMessageContaining("less than 1000 bytes per second");
    }

    @Test
    void cutsOffAnUploadThatOutlivesItsDeadlineHoweverFast() throws Exception {
        now.set(Duration.ofSeconds(9).toNanos());
        pace.arrived(100_000);

        now.set(Duration.ofSeconds(11).toNanos());
        assertThatExceptionOfType(UploadPace.TooSlowException.class).isThrownBy(() -> pace.arrived(100_000))
                .withMessageContaining("longer than PT10S");
    }

    private static ApiProperties properties() {
        return new ApiProperties(ApiProperties.Auth.KEYS, Map.of(), "local", DataSize.ofGigabytes(1), 32,
                DataSize.ofKilobytes(64), DataSize.ofBytes(1000), Duration.ofSeconds(1), Duration.ofSeconds(10), 10,
                30, 500, 10, Duration.ofHours(1));
    }
}
