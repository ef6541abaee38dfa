package io.transcoder.encoder.encoding;

import static org.assertj.core.api.Assertions.assertThat;

import io.transcoder.formats.Storyboard;
import io.transcoder.test.TestClips;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoryboardEncoderTests {

    private static final Pattern CUE = Pattern.compile(
            "(\\d{2}):(\\d{2}):(\\d{2})\\.(\\d{3}) --> (\\d{2}):(\\d{2}):(\\d{2})\\.(\\d{3})\n"
                    + "sprite\\.jpg#xywh=(\\d+),(\\d+),(\\d+),(\\d+)\n");

    @TempDir
    Path work;

    @Test
    void coversTheWholeVideoWithCuesIntoTheSpriteSheet() throws IOException {
        Path clip = TestClips.video(work.resolve("clip.mp4"), "mp4", "320x240", 7.3);
        Ffmpeg ffmpeg = new Ffmpeg(TestSettings.encoder());
        SourceVideo source = SourceVideo.of(clip, ffmpeg.probe(clip));
        Path folder = work.resolve("storyboard");

        // 7.3 s in at most 5 tiles: one every 1.46 s, 3 to a row
        new StoryboardEncoder(ffmpeg, new Storyboard(160, 3, 5, Duration.ofSeconds(1)), source)
                .encode(new EncodeRequest("storyboard", folder, Duration.ofMinutes(1), percent -> {}));

        String vtt = Files.readString(folder.resolve("storyboard.vtt"));
        BufferedImage sprite = MediaChecks.image(folder.resolve("sprite.jpg"));
        assertThat(vtt).startsWith("WEBVTT\n\n");
        List<Matcher> cues = new ArrayList<>(CUE.matcher(vtt).results().map(result -> {
            Matcher cue = CUE.matcher(result.group());
            cue.matches();
            return cue;
        }).toList());
        assertThat(cues).hasSize(5);
        assertThat(millis(cues.get(0), 1)).isZero();
        for (int i = 1; i < cues.size(); i++) {
            assertThat(millis(cues.get(i), 1)).as("cue %d starts where the one before ends", i)
                    .isEqualTo(millis(cues.get(i - 1), 5));
        }
        assertThat(millis(cues.get(cues.size() - 1), 5)).isEqualTo(source.duration().toMillis());
        assertThat(sprite.getWidth()).isEqualTo(480);
        assertThat(sprite.getHeight()).isEqualTo(240);
        for (Matcher cue : cues) {
            int x = Integer.parseInt(cue.group(9));
            int y = Integer.parseInt(cue.group(10));
            int width = Integer.parseInt(cue.group(11));
            int height = Integer.parseInt(cue.group(12));
            assertThat(width).isEqualTo(160);
            assertThat(height).isEqualTo(120);
            assertThat(x + width).isLessThanOrEqualTo(sprite.getWidth());
            assertThat(y + height).isLessThanOrEqualTo(sprite.getHeight());
            assertThat(MediaChecks.meanLuma(sprite, x, y, width, height)).as("tile at %d,%d holds a picture", x, y)
                    .isGreaterThan(40);
        }
    }

    private static long millis(Matcher cue, int group) {
        return Long.parseLong(cue.group(group)) * 3_600_000 + Long.parseLong(cue.group(group + 1)) * 60_000
                + Long.parseLong(cue.group(group + 2)) * 1000 + Long.parseLong(cue.group(group + 3));
    }
}
