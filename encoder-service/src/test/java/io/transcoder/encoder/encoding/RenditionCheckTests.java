package io.transcoder.encoder.encoding;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RenditionCheckTests {

    private static final Duration TWO_SECONDS = Duration.ofSeconds(2);
    private static final RenditionCheck.Video H264 =
            new RenditionCheck.Video("h264", 320, 240, "yuv420p", true, null, null);
    private static final RenditionCheck.Expected MP4 =
            new RenditionCheck.Expected("clip.mp4", H264, "aac", TWO_SECONDS, 30);

    @Test
    void passesAFileThatHoldsWhatItShould() {
        assertThat(RenditionCheck.problems(MP4, probe(2_000, video("progressive", "bt709"), audio(2, 48_000))))
                .isEmpty();
        // an AAC encoder's priming and padding, and the last frame
        assertThat(RenditionCheck.problems(MP4, probe(2_000 + 500 + 33, video(null, "bt709"), audio(2, 48_000))))
                .isEmpty();
    }

    @Test
    void refusesAFileCutShort() {
        assertThat(RenditionCheck.problems(MP4, probe(1_000, video("progressive", "bt709"), audio(2, 48_000))))
                .contains("it lasts 1.000 s instead of 2.000 s");
    }

    @Test
    void acceptsTheLengthFfmpegFoundInASourceWhoseFileMisstatedIt() {
        RenditionCheck.Expected truncated = new RenditionCheck.Expected("clip.mp4", H264, "aac", TWO_SECONDS,
                Duration.ofMillis(950), 30);

        assertThat(RenditionCheck.problems(truncated, probe(950, video("progressive", "bt709"), audio(2, 48_000))))
                .isEmpty();
        assertThat(RenditionCheck.played(new FfmpegRun.Outcome(Duration.ofMillis(950), true), TWO_SECONDS))
                .isEqualTo(Duration.ofMillis(950));
        assertThat(RenditionCheck.played(new FfmpegRun.Outcome(Duration.ofMillis(1_000), false), TWO_SECONDS))
                .as("a clean run that stopped early says nothing of the source").isNull();
        assertThat(RenditionCheck.played(new FfmpegRun.Outcome(Duration.ofSeconds(5), false), TWO_SECONDS))
                .isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void refusesAFileWithoutTheSoundItsSourceHasOrWithSoundItHasNot() {
        assertThat(RenditionCheck.problems(MP4, probe(2_000, video("progressive", "bt709"))))
                .containsExactly("it has no sound although your video has");
        RenditionCheck.Expected silent = new RenditionCheck.Expected("clip.mp4", H264, null, TWO_SECONDS, 30);
        assertThat(RenditionCheck.problems(silent, probe(2_000, video("progressive", "bt709"), audio(2, 48_000))))
                .containsExactly("it has sound although your video has none");
    }

    @Test
    void refusesSoundThatIsNotStereoAt48kHz() {
        assertThat(RenditionCheck.problems(MP4, probe(2_000, video("progressive", "bt709"), audio(6, 44_100))))
                .containsExactly("its sound has 6 channels at 44100 Hz instead of stereo at 48000 Hz");
    }

    @Test
    void refusesAnInterlacedOrMistaggedPicture() {
        assertThat(RenditionCheck.problems(MP4, probe(2_000, video("tt", "bt709"), audio(2, 48_000))))
                .containsExactly("it is interlaced");
        assertThat(RenditionCheck.problems(MP4, probe(2_000, video("progressive", "smpte2084"), audio(2, 48_000))))
                .containsExactly("its colours are tagged bt709/smpte2084/bt709/tv instead of BT.709");
    }

    @Test
    void refusesAnAudioRenditionWithAPicture() {
        RenditionCheck.Expected m4a = new RenditionCheck.Expected("clip.m4a", null, "aac", TWO_SECONDS, 0);

        assertThat(RenditionCheck.problems(m4a, probe(2_000, audio(2, 48_000)))).isEmpty();
        assertThat(RenditionCheck.problems(m4a, probe(2_000, video("progressive", "bt709"), audio(2, 48_000))))
                .containsExactly("it has a picture it should not have");
    }

    @Test
    void refusesHevcThatSafariWouldNotPlay() {
        RenditionCheck.Expected hevc = new RenditionCheck.Expected("clip.mp4",
                new RenditionCheck.Video("hevc", 320, 240, "yuv420p", true, "Main", "hvc1"), null, TWO_SECONDS, 30);
        Probe.MediaStream hev1 = new Probe.MediaStream("video", "hevc", 320, 240, false, 1, 30, 0,
                new Probe.Details(30, "progressive", "yuv420p10le", "tv", "bt709", "bt709", "bt709", "Main 10",
                        "hev1", 0, 0, null, true));

        assertThat(RenditionCheck.problems(hevc, probe(2_000, hev1))).containsExactly(
                "its pixels are yuv420p10le instead of yuv420p", "its video profile is Main 10 instead of Main",
                "its video is tagged hev1 instead of hvc1");
    }

    @Test
    void refusesAPictureOfTheWrongSize() {
        RenditionCheck.Expected poster = new RenditionCheck.Expected("poster.jpg",
                new RenditionCheck.Video("mjpeg", 320, 180, "yuvj420p", false, null, null), null, null, 0);
        Probe.MediaStream jpeg = new Probe.MediaStream("video", "mjpeg", 320, 240, false, 1, 25, 0,
                new Probe.Details(25, null, "yuvj420p", "pc", "bt470bg", null, null, null, null, 0, 0, null, false));

        assertThat(RenditionCheck.problems(poster, probe(40, jpeg)))
                .containsExactly("its picture is 320x240 instead of 320x180");
    }

    private static Probe probe(long millis, Probe.MediaStream... streams) {
        return new Probe("mov,mp4,m4a,3gp,3g2,mj2", Duration.ofMillis(millis), new ArrayList<>(List.of(streams)));
    }

    private static Probe.MediaStream video(String fieldOrder, String transfer) {
        return new Probe.MediaStream("video", "h264", 320, 240, false, 1, 30, 0, new Probe.Details(30, fieldOrder,
                "yuv420p", "tv", "bt709", transfer, "bt709", "High", "avc1", 0, 0, null, true));
    }

    private static Probe.MediaStream audio(int channels, int sampleRate) {
        return new Probe.MediaStream("audio", "aac", 0, 0, false, 1, 0, 0, new Probe.Details(0, null, null, null,
                null, null, null, "LC", "mp4a", channels, sampleRate, null, true));
    }
}
