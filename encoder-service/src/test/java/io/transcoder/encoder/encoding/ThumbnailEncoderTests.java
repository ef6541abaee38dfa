package io.transcoder.encoder.encoding;

import static org.assertj.core.api.Assertions.assertThat;

import io.transcoder.formats.Thumbnail;
import io.transcoder.test.TestClips;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ThumbnailEncoderTests {

    @TempDir
    Path work;

    @Test
    void takesThePosterFromAPictureRatherThanTheBlackOpening() {
        Path clip = HostileClips.ffmpeg(work.resolve("clip.mp4"), List.of(
                "-f", "lavfi", "-i", "color=black:size=640x360:rate=30:duration=3",
                "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=30:duration=1.5",
                "-filter_complex", "[0:v][1:v]concat=n=2:v=1[v]", "-map", "[v]",
                "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-f", "mp4"));

        BufferedImage poster = MediaChecks.image(encode(clip, 320));

        assertThat(MediaChecks.meanLuma(poster)).isGreaterThan(60);
        assertThat(poster.getWidth()).isEqualTo(320);
        assertThat(poster.getHeight()).isEqualTo(180);
    }

    @Test
    void keepsTheDisplayAspectOfAnAnamorphicSource() {
        // 480x360 stored, shown 640x360
        Path clip = HostileClips.ffmpeg(work.resolve("clip.mp4"), List.of(
                "-f", "lavfi", "-i", "testsrc2=size=480x360:rate=30:duration=1,setsar=4/3",
                "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-f", "mp4"));

        BufferedImage poster = MediaChecks.image(encode(clip, 1280));

        assertThat(poster.getWidth()).isEqualTo(640);
        assertThat(poster.getHeight()).isEqualTo(360);
    }

    @Test
    void neverScalesASmallSourceUp() {
        Path clip = TestClips.video(work.resolve("clip.mp4"));

        BufferedImage poster = MediaChecks.image(encode(clip, 1280));

        assertThat(poster.getWidth()).isEqualTo(320);
        assertThat(poster.getHeight()).isEqualTo(240);
    }

    @Test
    void stillMakesAPosterOfAVideoThatIsDarkThroughout() {
        Path clip = HostileClips.ffmpeg(work.resolve("clip.mp4"), List.of(
                "-f", "lavfi", "-i", "color=black:size=320x240:rate=30:duration=2",
                "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-f", "mp4"));

        BufferedImage poster = MediaChecks.image(encode(clip, 1280));

        assertThat(MediaChecks.meanLuma(poster)).isLessThan(20);
    }

    private Path encode(Path clip, int maxWidth) {
        Ffmpeg ffmpeg = new Ffmpeg(TestSettings.encoder());
        SourceVideo source = SourceVideo.of(clip, ffmpeg.probe(clip));
        Path folder = work.resolve("thumbnail");
        new ThumbnailEncoder(ffmpeg, new Thumbnail(maxWidth), source)
                .encode(new EncodeRequest("thumbnail", folder, Duration.ofMinutes(1), percent -> {}));
        assertThat(folder).isDirectoryContaining(path -> path.getFileName().toString().equals("poster.jpg"));
        return folder.resolve("poster.jpg");
    }
}
