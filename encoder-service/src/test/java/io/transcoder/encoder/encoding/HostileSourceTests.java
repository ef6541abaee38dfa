package io.transcoder.encoder.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.transcoder.jobs.FailureCode;
import io.transcoder.jobs.JobRecord;
import io.transcoder.jobs.JobState;
import io.transcoder.jobs.JobStore;
import io.transcoder.messages.EncodedRendition;
import io.transcoder.messages.EncodingCompleted;
import io.transcoder.messages.JobEvent;
import io.transcoder.messages.JobFailed;
import io.transcoder.messages.JobTicket;
import io.transcoder.messages.SourceDownloaded;
import io.transcoder.messaging.EventPublisher;
import io.transcoder.messaging.Topology;
import io.transcoder.test.EventCapture;
import io.transcoder.test.TestClips;
import io.transcoder.test.TranscoderTest;
import io.transcoder.work.WorkVolume;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Sources made to mislead or exhaust the encoder, each through the real listener (broker, Redis, ffmpeg) to its exact
 * outcome. Whatever the outcome, no ffmpeg or ffprobe is left running, a failed job leaves nothing in the work volume,
 * and nothing a source names, on disk or on the network, is ever opened.
 */
@TranscoderTest(properties = {
    "transcoder.formats.webm.progressive.options=-deadline,realtime,-cpu-used,8,-row-mt,1,-crf,33,-b:v,0,-pix_fmt,yuv420p,-b:a,96k,-ac,2",
    // a limit that a test reaches in seconds; every run of ffmpeg ends well within these
    "encoder.max-duration=3s", "encoder.stall-timeout=5s", "encoder.job-time-limit=20s"})
class HostileSourceTests {

    private static final Duration OUTCOME_TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    static Path canaries;

    private static Path canaryFile;
    private static HttpServer canaryServer;
    private static final AtomicInteger canaryRequests = new AtomicInteger();

    @Autowired
    JobStore jobs;

    @Autowired
    EventPublisher publisher;

    @Autowired
    WorkVolume workVolume;

    @Autowired
    Topology topology;

    @Autowired
    AmqpAdmin admin;

    @Autowired
    RabbitTemplate rabbit;

    @Autowired
    Ffmpeg ffmpeg;

    private EventCapture events;
    private final List<String> jobIds = new ArrayList<>();

    @BeforeAll
    static void placeCanaries() throws IOException {
        canaryFile = TestClips.video(canaries.resolve("canary.mp4"));
        byte[] canary = Files.readAllBytes(canaryFile);
        canaryServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        canaryServer.createContext("/", exchange -> {
            canaryRequests.incrementAndGet();
            exchange.sendResponseHeaders(200, canary.length);
            exchange.getResponseBody().write(canary);
            exchange.close();
        });
        canaryServer.start();
    }

    @AfterAll
    static void stopCanaryServer() {
        canaryServer.stop(0);
        assertThat(canaryRequests).as("requests the canary server got").hasValue(0);
    }

    @BeforeEach
    void captureEvents() {
        events = EventCapture.of(admin, rabbit, topology.exchange(), "#");
    }

    @AfterEach
    void noToolOutlivesItsJob() {
        events.close();
        jobIds.forEach(workVolume::delete);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(ProcessHandle.current().descendants()
                .map(process -> process.info().commandLine().orElse(""))
                .filter(command -> command.contains("ffmpeg") || command.contains("ffprobe")))
                .isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:2,\nfile:{file}\n#EXT-X-ENDLIST\n",
        "#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:2,\n{url}\n#EXT-X-ENDLIST\n",
        "#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:2,\nsubfile,,start,0,end,0,,:{file}\n#EXT-X-ENDLIST\n",
        "#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXT-X-KEY:METHOD=AES-128,URI=\"{url}\"\n#EXTINF:2,\nfile:{file}\n#EXT-X-ENDLIST\n",
        "ffconcat version 1.0\nfile '{file}'\n",
        "ffconcat version 1.0\nfile '{url}'\n",
        "ffconcat version 1.0\nfile 'subfile,,start,0,end,0,,:{file}'\n"})
    void refusesAPlaylistNamedLikeAVideoWithoutOpeningWhatItNames(String playlist) {
        String content = playlist.replace("{file}", canaryFile.toString()).replace("{url}", canaryUrl());

        assertFails(source -> TestClips.write(source, content), FailureCode.INPUT_NOT_VIDEO,
                "Your file is not a video we can read. Please upload a common video file such as MP4, MOV, MKV or WebM.");
        assertThat(canaryRequests).hasValue(0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void refusesASource(String what, UnaryOperator<Path> generator, FailureCode code, String reason) {
        assertFails(generator, code, reason);
    }

    static Stream<Arguments> refusesASource() {
        String notVideo = "Your file is not a video we can read. Please upload a common video file such as MP4, MOV, "
                + "MKV or WebM.";
        return Stream.of(
                Arguments.of("an MKV whose header says 1 s but that plays for 8",
                        generator(source -> HostileClips.understatingItsDuration(source, 8, 1)),
                        FailureCode.INPUT_TOO_LONG,
                        "Your video plays for longer than the 3 seconds we encode, although its file says it is shorter."),
                Arguments.of("200 streams", generator(source -> HostileClips.withStreams(source, 200)),
                        FailureCode.INPUT_TOO_LARGE, "Your video has more than 16 tracks (video, audio, subtitles and "
                                + "others); we encode videos with up to 16."),
                Arguments.of("a 30000x30000 picture",
                        generator(source -> HostileClips.withPictureSize(source, 30_000, 30_000)),
                        FailureCode.INPUT_TOO_LARGE,
                        "Your video is 30000x30000 pixels; we encode videos of up to 7680x4320 pixels."),
                Arguments.of("ten hours of 1x1", generator(source -> HostileClips.lastingHours(source, 10)),
                        FailureCode.INPUT_TOO_LONG, "Your video lasts 10 hours; we encode videos of up to 3 seconds."),
                Arguments.of("zero bytes", generator(source -> TestClips.write(source, "")),
                        FailureCode.INPUT_NOT_VIDEO, notVideo),
                Arguments.of("random bytes", generator(source -> HostileClips.randomBytes(source, 64 * 1024)),
                        FailureCode.INPUT_NOT_VIDEO, notVideo),
                Arguments.of("an MP4 cut in half, its index at the end",
                        generator(source -> HostileClips.truncatedMp4(source, false)),
                        FailureCode.INPUT_NOT_VIDEO, notVideo),
                Arguments.of("an HLS playlist that is also MPEG-TS video",
                        generator(source -> HostileClips.playlistThenTransportStream(source, canaryUrl())),
                        FailureCode.INPUT_NOT_VIDEO, notVideo));
    }

    @Test
    void keepsTheFirstPictureSizeOfASourceThatChangesItMidway() {
        EncodingCompleted completed = assertCompletes(HostileClips::changingResolution, List.of("mp4"));

        assertThat(HostileClips.describe(output(completed, 0), "stream=width,height")).isEqualTo("16,16");
        assertThat(ffmpeg.probe(output(completed, 0)).duration().toMillis()).isCloseTo(2_000, within(200L));
    }

    @Test
    void encodesASourceOfAThousandFramesASecondAtSixty() {
        EncodingCompleted completed = assertCompletes(source -> HostileClips.atFrameRate(source, 1000),
                List.of("mp4", "webm"));

        for (int i = 0; i < 2; i++) {
            String[] rates = HostileClips.describe(output(completed, i), "stream=avg_frame_rate,nb_read_frames")
                    .split(",");
            assertThat(rates[0]).as("the average frame rate").isEqualTo("60/1");
            assertThat(Integer.parseInt(rates[1])).as("the frames in one second").isBetween(58, 62);
        }
    }

    @Test
    void makesEveryOtherRecipeOfASourceOfAThousandFramesASecondAtSixty() throws IOException {
        EncodingCompleted completed = assertCompletes(source -> HostileClips.atFrameRate(source, 1000),
                List.of("hls", "thumbnail", "storyboard"));

        assertThat(Files.readString(output(completed, 0))).contains("RESOLUTION=16x16,", ",FRAME-RATE=60.000\n16p/");
        Path variant = output(completed, 0).resolveSibling("16p").resolve("index.m3u8");
        MediaChecks.assertDecodes(variant);
        assertThat(MediaChecks.image(output(completed, 1)).getWidth()).isEqualTo(16);
        assertThat(Files.readString(output(completed, 2))).startsWith("WEBVTT\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"hls", "storyboard"})
    void failsEveryRecipeThatReadsAllOfASourcePlayingOnPastTheLimit(String format) {
        assertFails(source -> HostileClips.understatingItsDuration(source, 8, 1), List.of(format),
                FailureCode.INPUT_TOO_LONG,
                "Your video plays for longer than the 3 seconds we encode, although its file says it is shorter.");
    }

    @Test
    void probesPastAnEightMegabyteTagAndLeavesItBehind() {
        Path source = HostileClips.withHugeTag(workVolume.root().resolve("tagged.mkv"), 8 * 1024 * 1024);
        assertThat(ffmpeg.probe(source).video()).hasValueSatisfying(video -> assertThat(video.width()).isEqualTo(16));

        EncodingCompleted completed = assertCompletes(target -> move(source, target), List.of("mp4"));

        assertThat(completed.renditions().get(0).files().get(0).size()).isLessThan(64 * 1024);
        assertThat(HostileClips.describe(output(completed, 0), "format_tags=title")).isEmpty();
    }

    @Test
    void encodesWhatATruncatedMp4WithItsIndexFirstHolds() {
        EncodingCompleted completed = assertCompletes(source -> HostileClips.truncatedMp4(source, true), List.of("mp4"));

        // the index promises two seconds; half the file holds about one, and that is what the rendition has
        assertThat(ffmpeg.probe(output(completed, 0)).duration().toMillis()).isCloseTo(1_000, within(300L));
    }

    @Test
    void readsAGifWithAnMp4AppendedAsTheGif() {
        EncodingCompleted completed = assertCompletes(HostileClips::gifThenMp4, List.of("mp4"));

        assertThat(HostileClips.describe(output(completed, 0), "stream=width,height")).isEqualTo("24,24");
    }

    private void assertFails(UnaryOperator<Path> generator, FailureCode code, String reason) {
        assertFails(generator, List.of("mp4"), code, reason);
    }

    private void assertFails(UnaryOperator<Path> generator, List<String> formats, FailureCode code, String reason) {
        JobTicket job = downloading(formats);

        JobEvent outcome = encode(job, generator);

        assertThat(outcome).isInstanceOfSatisfying(JobFailed.class, failed -> {
            assertThat(failed.code()).isEqualTo(code);
            assertThat(failed.reason()).isEqualTo(reason);
        });
        JobRecord record = await().atMost(Duration.ofSeconds(10))
                .until(() -> jobs.find(job.jobId()).orElseThrow(), found -> found.state() == JobState.FAILED);
        assertThat(record.error()).isEqualTo(new JobRecord.JobError(code.name(), reason));
        assertThat(workVolume.jobDirectory(job.jobId())).doesNotExist();
    }

    private EncodingCompleted assertCompletes(UnaryOperator<Path> generator, List<String> formats) {
        JobTicket job = downloading(formats);

        JobEvent outcome = encode(job, generator);

        assertThat(outcome).isInstanceOf(EncodingCompleted.class);
        EncodingCompleted completed = (EncodingCompleted) outcome;
        assertThat(completed.renditions()).extracting(EncodedRendition::format).containsExactlyElementsOf(formats);
        return completed;
    }

    private JobEvent encode(JobTicket job, UnaryOperator<Path> generator) {
        Path source = generator.apply(workVolume.source(job.jobId()));
        publisher.publish(new SourceDownloaded(job, workVolume.relativize(source), size(source)));
        JobEvent outcome = events.next(JobEvent.class, event -> event.jobId().equals(job.jobId())
                && (event instanceof JobFailed || event instanceof EncodingCompleted), OUTCOME_TIMEOUT);
        assertThat(outcome).as("the outcome of job %s", job.jobId()).isNotNull();
        return outcome;
    }

    private JobTicket downloading(List<String> formats) {
        JobTicket job = new JobTicket(UUID.randomUUID().toString(), "owner-a", "someone@example.com", formats,
                "holiday.mp4");
        jobs.create(job);
        jobs.advance(job, JobState.DOWNLOADING);
        jobIds.add(job.jobId());
        return job;
    }

    private Path output(EncodingCompleted completed, int index) {
        EncodedRendition rendition = completed.renditions().get(index);
        return workVolume.resolve(rendition.directory()).resolve(rendition.entry());
    }

    private static UnaryOperator<Path> generator(UnaryOperator<Path> generator) {
        return generator;
    }

    private static String canaryUrl() {
        return "http://127.0.0.1:" + canaryServer.getAddress().getPort() + "/canary.mp4";
    }

    private static Path move(Path from, Path to) {
        try {
            Files.createDirectories(to.getParent());
            return Files.move(from, to);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
