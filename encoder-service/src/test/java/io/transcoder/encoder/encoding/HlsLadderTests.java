package io.transcoder.encoder.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.transcoder.formats.Hls;
import io.transcoder.jobs.FailureCode;
import io.transcoder.messages.RenditionFile;
import io.transcoder.test.TestClips;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HlsLadderTests {

    // the catalogue's ladder, with 1 s segments and x264's fastest preset: a few seconds make several segments fast
    private static final Hls LADDER = new Hls(Duration.ofSeconds(1),
            List.of("-preset", "ultrafast", "-profile:v", "high", "-pix_fmt", "yuv420p"),
            TestSettings.format("hls").hls().ladder());
    private static final Pattern STREAM = Pattern.compile("#EXT-X-STREAM-INF:BANDWIDTH=(\\d+),AVERAGE-BANDWIDTH=(\\d+),"
            + "RESOLUTION=(\\d+x\\d+),CODECS=\"([^\"]+)\",FRAME-RATE=(\\d+\\.\\d{3})\n(\\S+)\n");

    @TempDir
    static Path clips;

    @TempDir
    Path work;

    static Path ladder;

    @BeforeAll
    static void encodeA720pSource() throws IOException {
        Path clip = TestClips.video(clips.resolve("clip.mp4"), "mp4", "1280x720", 3.5);
        ladder = encode(clip, clips.resolve("hls"));
    }

    @Test
    void laddersA720pSourceFrom720pDownLeavingOutTallerRungs() throws IOException {
        assertThat(variants(ladder)).extracting(variant -> variant.group(6)).containsExactly(
                "720p/index.m3u8", "480p/index.m3u8", "360p/index.m3u8", "240p/index.m3u8");
        assertThat(variants(ladder)).extracting(variant -> variant.group(3))
                .containsExactly("1280x720", "854x480", "640x360", "426x240");
        assertThat(ladder.resolve("1080p")).doesNotExist();
    }

    @Test
    void describesEachRungWithBandwidthsMeasuredFromItsSegments() throws IOException {
        String master = Files.readString(ladder.resolve("master.m3u8"));

        assertThat(master).startsWith("#EXTM3U\n#EXT-X-VERSION:").contains("\n#EXT-X-INDEPENDENT-SEGMENTS\n");
        assertThat(variants(ladder)).hasSize(4).allSatisfy(variant -> {
            long peak = Long.parseLong(variant.group(1));
            long average = Long.parseLong(variant.group(2));
            assertThat(average).isPositive().isLessThanOrEqualTo(peak);
            assertThat(peak).isEqualTo(HlsMaster.measure(ladder.resolve(variant.group(6)).getParent())
                    .peakBitsPerSecond());
            assertThat(variant.group(4)).matches("avc1\\.[0-9a-f]{6},mp4a\\.40\\.2");
            assertThat(variant.group(5)).isEqualTo("30.000");
        });
    }

    @Test
    void cutsEveryRungAtTheSameTimes() throws IOException {
        List<String> durations = segmentDurations(ladder.resolve("720p"));

        assertThat(durations).containsExactly("1.000000", "1.000000", "1.000000", "0.500000");
        for (String rung : List.of("480p", "360p", "240p")) {
            assertThat(segmentDurations(ladder.resolve(rung))).as(rung).isEqualTo(durations);
        }
    }

    @Test
    void writesRungsThatDecodeWholeAndLastAsLongAsTheSource() {
        for (String rung : List.of("720p", "480p", "360p", "240p")) {
            Path playlist = ladder.resolve(rung).resolve("index.m3u8");
            MediaChecks.assertDecodes(playlist);
            assertThat(MediaChecks.seconds(playlist)).as(rung).isCloseTo(3.5, within(0.1));
        }
    }

    @Test
    void keepsEachRungsFilesInItsFolderAndLeavesNothingElse() {
        List<RenditionFile> files = RenditionFiles.list(ladder, "master.m3u8", ladderOf(ladder)::mediaType);

        assertThat(files).first().isEqualTo(new RenditionFile("master.m3u8", size(ladder.resolve("master.m3u8")),
                Hls.MEDIA_TYPE));
        assertThat(files.subList(1, files.size())).allSatisfy(file -> {
            assertThat(file.path()).matches("(720|480|360|240)p/(index\\.m3u8|init_\\d\\.mp4|seg_\\d{3}\\.m4s)");
            assertThat(file.mediaType()).isEqualTo(file.path().endsWith(".m3u8") ? Hls.MEDIA_TYPE
                    : file.path().endsWith(".m4s") ? "video/iso.segment" : "video/mp4");
        });
        assertThat(files).filteredOn(file -> file.path().contains("/init_")).hasSize(4);
    }

    @Test
    void givesASourceShorterThanTheLowestRungOneRungAtItsOwnSize() throws IOException {
        Path clip = TestClips.video(work.resolve("small.mp4"), "mp4", "320x180", 1.5);

        Path small = encode(clip, work.resolve("hls"));

        assertThat(variants(small)).singleElement().satisfies(variant -> {
            assertThat(variant.group(3)).isEqualTo("320x180");
            assertThat(variant.group(6)).isEqualTo("180p/index.m3u8");
        });
        MediaChecks.assertDecodes(small.resolve("180p/index.m3u8"));
    }

    @Test
    void laddersASourceWithoutAudioFromTheRungsBelowIt() throws IOException {
        Path clip = HostileClips.ffmpeg(work.resolve("silent.mp4"), List.of("-f", "lavfi",
                "-i", "testsrc2=size=480x270:rate=25:duration=1.5", "-c:v", "libx264", "-preset", "ultrafast",
                "-pix_fmt", "yuv420p", "-f", "mp4"));

        Path silent = encode(clip, work.resolve("hls"));

        assertThat(variants(silent)).singleElement().satisfies(variant -> {
            assertThat(variant.group(3)).isEqualTo("426x240");
            assertThat(variant.group(4)).matches("avc1\\.[0-9a-f]{6}");
            assertThat(variant.group(5)).isEqualTo("25.000");
        });
        MediaChecks.assertDecodes(silent.resolve("240p/index.m3u8"));
    }

    @Test
    void refusesALadderWhoseFilesTogetherExceedTheLimitThoughEachIsSmaller() {
        Path clip = TestClips.video(work.resolve("clip.mp4"), "mp4", "320x240", 3);

        assertThatThrownBy(() -> encode(clip, work.resolve("hls"), "max-output-size=64KB"))
                .isInstanceOf(EncodingException.class)
                .hasMessage("The HLS version of your video would be larger than 64 KB, the most we store.")
                .extracting("code").isEqualTo(FailureCode.OUTPUT_TOO_LARGE);
    }

    private static Path encode(Path clip, Path folder, String... properties) {
        Ffmpeg ffmpeg = new Ffmpeg(TestSettings.encoder(properties));
        SourceVideo source = SourceVideo.of(clip, ffmpeg.probe(clip));
        new HlsLadder(ffmpeg, LADDER, source, 60).encode(new EncodeRequest("hls", folder, Duration.ofMinutes(2),
                percent -> {}));
        return folder;
    }

    private static HlsLadder ladderOf(Path folder) {
        return new HlsLadder(new Ffmpeg(TestSettings.encoder()), LADDER,
                new SourceVideo(folder, Duration.ofSeconds(1), 1280, 720, 30, true), 60);
    }

    private static List<Matcher> variants(Path folder) throws IOException {
        return STREAM.matcher(Files.readString(folder.resolve("master.m3u8"))).results()
                .map(result -> {
                    Matcher matcher = STREAM.matcher(result.group());
                    matcher.matches();
                    return matcher;
                })
                .toList();
    }

    private static List<String> segmentDurations(Path rung) throws IOException {
        return Files.readAllLines(rung.resolve("index.m3u8")).stream()
                .filter(line -> line.startsWith("#EXTINF:"))
                .map(line -> line.substring("#EXTINF:".length(), line.indexOf(',')))
                .toList();
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
