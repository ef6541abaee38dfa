package io.transcoder.encoder.encoding;

import static org.assertj.core.api.Assertions.assertThat;

import io.transcoder.formats.Storyboard;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class StoryboardLayoutTests {

    private static final Storyboard DEFAULTS = TestSettings.format("storyboard").storyboard();

    @Test
    void givesAShortVideoATileEveryMinimumInterval() {
        StoryboardLayout layout = StoryboardLayout.of(DEFAULTS, source(Duration.ofMillis(5_500)));

        assertThat(layout.interval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(layout.tiles()).isEqualTo(3);
        assertThat(layout.columns()).isEqualTo(3);
        assertThat(layout.sheetWidth()).isEqualTo(480);
        assertThat(layout.sheetHeight()).isEqualTo(90);
        assertThat(layout.cues("sprite.jpg")).isEqualTo("""
                WEBVTT

                00:00:00.000 --> 00:00:02.000
                sprite.jpg#xywh=0,0,160,90

                00:00:02.000 --> 00:00:04.000
                sprite.jpg#xywh=160,0,160,90

                00:00:04.000 --> 00:00:05.500
                sprite.jpg#xywh=320,0,160,90
                """);
    }

    @Test
    void spreadsALongVideoOverTheMostTilesAllowed() {
        StoryboardLayout layout = StoryboardLayout.of(DEFAULTS, source(Duration.ofHours(4).minusMillis(1)));

        assertThat(layout.interval()).isEqualTo(Duration.ofMillis(144_000));
        assertThat(layout.tiles()).isEqualTo(100);
        assertThat(layout.sheetWidth()).isEqualTo(1600);
        assertThat(layout.sheetHeight()).isEqualTo(900);
        assertThat(layout.cues("sprite.jpg")).endsWith("""
                03:57:36.000 --> 03:59:59.999
                sprite.jpg#xywh=1440,810,160,90
                """);
    }

    @Test
    void neverMakesMoreTilesThanAllowedWhateverTheDuration() {
        for (long millis = 1; millis < 2_000_000; millis += 997) {
            StoryboardLayout layout = StoryboardLayout.of(DEFAULTS, source(Duration.ofMillis(millis)));
            assertThat(layout.tiles()).isBetween(1, 100);
            assertThat(layout.interval().multipliedBy(layout.tiles())).isGreaterThanOrEqualTo(Duration.ofMillis(millis));
            assertThat(layout.interval().multipliedBy(layout.tiles() - 1)).isLessThan(Duration.ofMillis(millis));
        }
    }

    private static SourceVideo source(Duration duration) {
        return new SourceVideo(Path.of("source"), duration, 1920, 1080, 25, true);
    }
}
