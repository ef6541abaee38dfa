package io.transcoder.encoder.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.transcoder.formats.Hls;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SourceVideoTests {

    private static final Hls LADDER = TestSettings.format("hls").hls();

    @Test
    void measuresThePictureAsAPlayerShowsItStretchedBySampleAspect() {
        SourceVideo dvd = source(720, 576, 16.0 / 15, 0);

        assertThat(dvd.width()).isEqualTo(768);
        assertThat(dvd.height()).isEqualTo(576);
        assertThat(dvd.widthAt(360)).isEqualTo(480);
    }

    @Test
    void turnsAPictureItsDisplayMatrixTurns() {
        assertThat(source(1920, 1080, 1, 90)).extracting(SourceVideo::width, SourceVideo::height)
                .containsExactly(1080, 1920);
        assertThat(source(1920, 1080, 1, -90)).extracting(SourceVideo::width, SourceVideo::height)
                .containsExactly(1080, 1920);
        assertThat(source(1920, 1080, 1, 180)).extracting(SourceVideo::width, SourceVideo::height)
                .containsExactly(1920, 1080);
    }

    @Test
    void givesEvenSizesAtTheDisplayAspect() {
        SourceVideo video = source(1280, 720, 1, 0);

        assertThat(video.widthAt(480)).isEqualTo(854);
        assertThat(video.widthAt(240)).isEqualTo(426);
        assertThat(video.heightAt(160)).isEqualTo(90);
        assertThat(source(640, 480, 1, 0).heightAt(160)).isEqualTo(120);
    }

    @Test
    void laddersFromTheTallestRungNoTallerThanTheSource() {
        assertThat(HlsLadder.plan(LADDER, source(1920, 1080, 1, 0)))
                .extracting(HlsLadder.Step::name, HlsLadder.Step::width, HlsLadder.Step::videoKbps)
                .containsExactly(tuple("1080p", 1920, 5000), tuple("720p", 1280, 2800), tuple("480p", 854, 1400),
                        tuple("360p", 640, 800), tuple("240p", 426, 400));
        assertThat(HlsLadder.plan(LADDER, source(1281, 719, 1, 0))).extracting(HlsLadder.Step::name)
                .containsExactly("480p", "360p", "240p");
        assertThat(HlsLadder.plan(LADDER, source(1080, 1920, 1, 0))).extracting(HlsLadder.Step::width)
                .containsExactly(608, 406, 270, 202, 136);
    }

    @Test
    void givesASourceShorterThanTheLowestRungOneRungAtItsOwnEvenHeightAndTheLowestRates() {
        assertThat(HlsLadder.plan(LADDER, source(213, 119, 1, 0))).containsExactly(
                new HlsLadder.Step("118p", 212, 118, 400, 64));
    }

    private static SourceVideo source(int width, int height, double sampleAspect, int rotation) {
        Probe probe = new Probe("mov,mp4,m4a,3gp,3g2,mj2", Duration.ofSeconds(10), List.of(
                new Probe.MediaStream("video", "h264", width, height, false, sampleAspect, 25, rotation)));
        return SourceVideo.of(Path.of("source"), probe);
    }
}
