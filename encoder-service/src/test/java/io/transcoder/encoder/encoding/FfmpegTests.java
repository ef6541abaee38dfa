package io.transcoder.encoder.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.transcoder.formats.Format;
import io.transcoder.formats.Progressive;
import io.transcoder.jobs.FailureCode;
import io.transcoder.test.TestClips;
import java.io.RandomAccessFile;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FfmpegTests {

    @TempDir
    static Path clips;

    static Path clip;

    @TempDir
    Path work;

    private final List<Integer> progress = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void generateClip() {
        clip = TestClips.video(clips.resolve("clip.mp4"));
    }

    @Test
    void probesDurationAndStreamsOfAVideo() {
        Probe probe = ffmpeg().probe(clip);

        assertThat(probe.duration().toMillis()).isCloseTo(2_000, within(100L));
        assertThat(probe.video()).hasValueSatisfying(video -> {
            assertThat(video.codec()).isEqualTo("h264");
            assertThat(video.width()).isEqualTo(320);
            assertThat(video.height()).isEqualTo(240);
        });
        assertThat(probe.audio()).hasValueSatisfying(audio -> assertThat(audio.codec()).isEqualTo("aac"));
        assertThat(probe.streams()).hasSize(2);
    }

    @Test
    void refusesATextFileNamedLikeAVideo() {
        Path text = TestClips.text(work.resolve("holiday.mp4"));

        assertThatThrownBy(() -> ffmpeg().probe(text))
                .isInstanceOf(EncodingException.class)
                .extracting("code").isEqualTo(FailureCode.INPUT_NOT_VIDEO);
    }

    @Test
    void refusesToStartWithoutFfmpegRatherThanBlameEveryFile() {
        assertThatThrownBy(() -> ffmpeg("ffmpeg-path=" + work.resolve("no-such-directory")))
                .isInstanceOf(IllegalStateException.class)
                .isNotInstanceOf(EncodingException.class)
                .hasMessageContaining("encoder.ffmpeg-path");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:2,\nfile:%s\n#EXT-X-ENDLIST\n",
        "ffconcat version 1.0\nfile '%s'\n"})
    void neverOpensTheFilesAPlaylistNames(String playlist) {
        Path source = TestClips.write(work.resolve("playlist.mp4"), playlist.formatted(clip));

        assertThatThrownBy(() -> ffmpeg().probe(source))
                .isInstanceOf(EncodingException.class)
                .extracting("code").isEqualTo(FailureCode.INPUT_NOT_VIDEO);
    }

    @Test
    void allowsOnlyDecodersThisFfmpegHas() throws Exception {
        Process process = new ProcessBuilder("ffmpeg", "-hide_banner", "-decoders").start();
        List<String> decoders = new String(process.getInputStream().readAllBytes()).lines()
                .dropWhile(line -> !line.contains("------"))
                .skip(1)
                .map(line -> line.trim().split("\\s+")[1])
                .toList();

        assertThat(decoders).hasSizeGreaterThan(100).containsAll(List.of(UntrustedInput.DECODERS.split(",")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "mp4  | -c:v libx264 -preset ultrafast -pix_fmt yuv420p -c:a aac                     | h264",
        "webm | -c:v libvpx-vp9 -deadline realtime -cpu-used 8 -c:a libopus                  | vp9",
        "mkv  | -c:v libaom-av1 -cpu-used 8 -c:a libmp3lame -c:s srt                         | av1",
        "mov  | -c:v prores -c:a pcm_s16le -c:s mov_text                                     | prores",
        "avi  | -c:v mpeg4 -c:a libmp3lame                                                   | mpeg4",
        "wmv  | -c:v wmv2 -c:a wmav2                                                          | wmv2"})
    void readsTheCommonContainersAndCodecsThroughItsWhitelists(String extension, String codecs, String videoCodec) {
        Path subtitles = TestClips.write(work.resolve("subtitles.srt"), "1\n00:00:00,000 --> 00:00:01,000\nHello\n");
        List<String> arguments = new ArrayList<>(List.of(
                "-f", "lavfi", "-i", "testsrc2=size=64x48:rate=10:duration=1",
                "-f", "lavfi", "-i", "sine=duration=1", "-i", subtitles.toString(), "-map", "0", "-map", "1"));
        if (codecs.contains("-c:s")) {
            arguments.addAll(List.of("-map", "2"));
        }
        arguments.addAll(List.of(codecs.split(" ")));
        Path source = HostileClips.ffmpeg(work.resolve("source." + extension), arguments);

        Ffmpeg ffmpeg = ffmpeg();
        Probe probe = ffmpeg.probe(source);
        Path encoded = encode(ffmpeg, source, TestSettings.format("mp4"), Duration.ofMinutes(1));

        assertThat(probe.video()).hasValueSatisfying(video -> assertThat(video.codec()).isEqualTo(videoCodec));
        assertThat(probe.audio()).isPresent();
        assertThat(ffmpeg.probe(encoded).video()).isPresent();
    }

    @Test
    void failsASourceThatPlaysOnPastTheLimitThoughItsFileSaysOtherwise() {
        Path source = HostileClips.understatingItsDuration(work.resolve("source.mkv"), 8, 1);

        assertThatThrownBy(() -> encode(ffmpeg("max-duration=3s"), source, TestSettings.format("mp4"),
                        Duration.ofMinutes(1)))
                .isInstanceOf(EncodingException.class)
                .hasMessage("Your video plays for longer than the 3 seconds we encode, although its file says it is "
                        + "shorter.")
                .extracting("code").isEqualTo(FailureCode.INPUT_TOO_LONG);
        assertNothingWritesTheRendition();
    }

    @Test
    void encodesAllOfASourceLongerThanItsFileSaysWithinTheLimit() {
        Path source = HostileClips.understatingItsDuration(work.resolve("source.mkv"), 3, 1);
        Path target = encode(ffmpeg("max-duration=3s"), source, TestSettings.format("mp4"), Duration.ofMinutes(1));

        assertThat(ffmpeg().probe(source).duration()).isEqualTo(Duration.ofSeconds(1));
        assertThat(ffmpeg().probe(target).duration().toMillis()).isCloseTo(3_000, within(150L));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:2,\n%s\n#EXT-X-ENDLIST\n",
        "ffconcat version 1.0\nfile '%s'\n"})
    void neverFetchesWhatAPlaylistNamesWhenEncodingEither(String playlist) throws Exception {
        AtomicInteger requests = new AtomicInteger();
        HttpServer canary = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        canary.createContext("/", exchange -> {
            requests.incrementAndGet();
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        canary.start();
        try {
            String url = "http://127.0.0.1:" + canary.getAddress().getPort() + "/clip.mp4";
            Path source = TestClips.write(work.resolve("playlist.mp4"), playlist.formatted(url));

            assertThatThrownBy(() -> encode(ffmpeg(), source, TestSettings.format("mp4"), Duration.ofMinutes(1)))
                    .isInstanceOf(EncodingException.class)
                    .extracting("code").isEqualTo(FailureCode.ENCODER_ERROR);
            assertNothingWritesTheRendition();
            assertThat(requests).hasValue(0);
        } finally {
            canary.stop(0);
        }
    }

    @ParameterizedTest
    @CsvSource({"mp4, mov, h264, aac", "webm, webm, vp9, opus"})
    void encodesWithTheFormatsCodecsAndReportsRisingProgress(String format, String container, String videoCodec,
            String audioCodec) {
        Path target = encode(ffmpeg(), clip, TestSettings.format(format), Duration.ofMinutes(1));

        Probe probe = ffmpeg().probe(target);
        assertThat(probe.container()).contains(container);
        assertThat(probe.duration().toMillis()).isCloseTo(2_000, within(150L));
        assertThat(probe.video()).hasValueSatisfying(video -> assertThat(video.codec()).isEqualTo(videoCodec));
        assertThat(probe.audio()).hasValueSatisfying(audio -> assertThat(audio.codec()).isEqualTo(audioCodec));
        assertThat(progress).isNotEmpty().isSorted().allMatch(percent -> percent >= 0 && percent <= 99);
    }

    @Test
    void stopsFfmpegWhenTheTimeLimitRunsOut() {
        Format slow = Format.of("VP9 at its slowest", new Progressive("webm", "webm", "video/webm", "libvpx-vp9",
                "libopus", List.of("-deadline", "best", "-cpu-used", "0")));
        long started = System.nanoTime();

        assertThatThrownBy(() -> encode(ffmpeg(), clip, slow, Duration.ofSeconds(1)))
                .isInstanceOf(EncodingException.class)
                .hasMessageContaining("took longer than")
                .extracting("code").isEqualTo(FailureCode.ENCODER_TIMEOUT);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        assertNothingWritesTheRendition();
    }

    @Test
    void stopsFfmpegWhenItsInputStopsArriving() throws Exception {
        Path stream = TestClips.video(clips.resolve("clip.ts"), "mpegts", "320x240");
        Path source = fifo(work.resolve("source"));
        // opened for reading and writing, so ffmpeg waits for more rather than seeing the input end
        try (RandomAccessFile pipe = new RandomAccessFile(source.toFile(), "rw")) {
            pipe.write(Arrays.copyOf(Files.readAllBytes(stream), 32 * 1024));

            assertThatThrownBy(() -> encode(ffmpeg("stall-timeout=1s"), source, TestSettings.format("mp4"),
                            Duration.ofMinutes(1)))
                    .isInstanceOf(EncodingException.class)
                    .hasMessageContaining("stopped making progress for 1 second")
                    .extracting("code").isEqualTo(FailureCode.ENCODER_TIMEOUT);
        }
        assertNothingWritesTheRendition();
    }

    @Test
    void givesUpProbingAnInputThatNeverArrives() throws Exception {
        Path source = fifo(work.resolve("source"));

        try (RandomAccessFile pipe = new RandomAccessFile(source.toFile(), "rw")) {
            assertThatThrownBy(() -> ffmpeg("stall-timeout=1s").probe(source))
                    .isInstanceOf(EncodingException.class)
                    .extracting("code").isEqualTo(FailureCode.ENCODER_TIMEOUT);
        }
        assertNoProcessReads(source);
    }

    @Test
    void refusesARenditionLargerThanTheLimit() {
        assertThatThrownBy(() -> encode(ffmpeg("max-output-size=8KB"), clip, TestSettings.format("mp4"),
                        Duration.ofMinutes(1)))
                .isInstanceOf(EncodingException.class)
                .hasMessage("The MP4 version of your video would be larger than 8 KB, the most we store.")
                .extracting("code").isEqualTo(FailureCode.OUTPUT_TOO_LARGE);
        assertNothingWritesTheRendition();
    }

    private Ffmpeg ffmpeg(String... properties) {
        return new Ffmpeg(TestSettings.encoder(properties));
    }

    /**
     * Encodes a source (taken for a clip as TestClips makes it, with sound if ffprobe finds some or cannot tell) in a
     * progressive format into {@code out/}.
     */
    private Path encode(Ffmpeg ffmpeg, Path source, Format format, Duration timeLimit) {
        Path folder = work.resolve("out");
        SourceVideo video = new SourceVideo(source, Duration.ofSeconds(2), 320, 240, 30, hasSound(ffmpeg, source));
        new ProgressiveEncoder(ffmpeg, format.progressive(), video, "clip")
                .encode(new EncodeRequest(format.progressive().extension(), folder, timeLimit, progress::add));
        return folder.resolve("clip." + format.progressive().extension());
    }

    // a named pipe cannot be probed without being read, and what ffprobe refuses is for the encode to refuse
    private static boolean hasSound(Ffmpeg ffmpeg, Path source) {
        try {
            return !Files.isRegularFile(source) || ffmpeg.probe(source).audio().isPresent();
        } catch (EncodingException e) {
            return true;
        }
    }

    /** ffmpeg is gone once a run failed, so that nothing writes into the rendition's folder afterwards. */
    private void assertNothingWritesTheRendition() {
        assertNoProcessReads(work.resolve("out"));
    }

    private static void assertNoProcessReads(Path file) {
        await().atMost(5, TimeUnit.SECONDS).untilAsserted(() -> assertThat(ProcessHandle.current().descendants()
                .map(process -> process.info().commandLine().orElse(""))
                .filter(command -> command.contains(file.toString())))
                .isEmpty());
    }

    private static Path fifo(Path path) throws Exception {
        assertThat(new ProcessBuilder("mkfifo", path.toString()).start().waitFor()).isZero();
        return path;
    }
}
