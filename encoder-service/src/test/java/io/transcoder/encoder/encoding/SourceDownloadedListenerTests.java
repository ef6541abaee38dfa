package io.transcoder.encoder.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.tuple;
import io.transcoder.messages.FormatFailure;
import io.transcoder.messaging.Subscription;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import io.transcoder.jobs.FailureCode;
import io.transcoder.jobs.JobRecord;
import io.transcoder.jobs.JobState;
import io.transcoder.jobs.JobStore;
import io.transcoder.messages.EncodedRendition;
import io.transcoder.messages.EncodingCompleted;
import io.transcoder.messages.JobFailed;
import io.transcoder.messages.JobTicket;
import io.transcoder.messages.SourceDownloaded;
import io.transcoder.messaging.EventPublisher;
import io.transcoder.messaging.Topology;
import io.transcoder.test.EventCapture;
import io.transcoder.test.TranscoderTest;
import io.transcoder.work.WorkVolume;
import io.transcoder.test.TestClips;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

@TranscoderTest(properties = {
    "transcoder.formats.webm.progressive.options=-deadline,realtime,-cpu-used,8,-row-mt,1,-crf,33,-b:v,0,-pix_fmt,yuv420p,-b:a,96k,-ac,2",
    "encoder.progress-interval=100ms",
    // an option libx264 refuses: ffmpeg fails at once
    "transcoder.formats.broken.description=fails",
    "transcoder.formats.broken.progressive.container=mp4",
    "transcoder.formats.broken.progressive.extension=mp4",
    "transcoder.formats.broken.progressive.media-type=video/mp4",
    "transcoder.formats.broken.progressive.video-codec=libx264",
    "transcoder.formats.broken.progressive.audio-codec=aac",
    "transcoder.formats.broken.progressive.options=-profile:v,nonsense",
    // several seconds of work for a second of 640x360: an encode that outlasts the lease's time to live
    "transcoder.formats.slow.description=slow",
    "transcoder.formats.slow.progressive.container=mp4",
    "transcoder.formats.slow.progressive.extension=mp4",
    "transcoder.formats.slow.progressive.media-type=video/mp4",
    "transcoder.formats.slow.progressive.video-codec=libx264",
    "transcoder.formats.slow.progressive.audio-codec=aac",
    "transcoder.formats.slow.progressive.options=-preset,veryslow,-threads,1,-pix_fmt,yuv420p",
    "encoder.lease-ttl=1s"})
class SourceDownloadedListenerTests {

    private static final Logger log = LoggerFactory.getLogger(SourceDownloadedListenerTests.class);

    private static final Duration RECEIVE_TIMEOUT = Duration.ofSeconds(60);

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
    RedisConnectionFactory redisConnections;

    @Autowired
    Ffmpeg ffmpeg;

    @Autowired
    EncodeLeases leases;

    @Autowired
    StringRedisTemplate redis;

    private final List<EventCapture> captures = new ArrayList<>();
    private final List<RedisMessageListenerContainer> watchers = new ArrayList<>();
    private final List<ExecutorService> executors = new ArrayList<>();

    @AfterEach
    void cleanUp() throws Exception {
        captures.forEach(EventCapture::close);
        for (RedisMessageListenerContainer watcher : watchers) {
            watcher.destroy();
        }
        executors.forEach(ExecutorService::shutdownNow);
    }

    @Test
    void encodesTheSourceIntoEveryRequestedFormat() throws Exception {
        JobTicket job = downloading(List.of("mp4", "webm"), "Holiday Clip.MOV");
        EventCapture completedEvents = capture("encoding.completed.v2");
        Path source = TestClips.video(workVolume.source(job.jobId()));
        List<Integer> progressSeen = watchProgress(job.jobId());

        publisher.publish(new SourceDownloaded(job, workVolume.relativize(source), Files.size(source)));

        EncodingCompleted completed = completedEvents.next(EncodingCompleted.class, RECEIVE_TIMEOUT);
        assertThat(completed).isNotNull();
        assertThat(completed.job()).isEqualTo(job);
        assertThat(completed.renditions()).extracting(EncodedRendition::format).containsExactly("mp4", "webm");
        assertRendition(completed.renditions().get(0), job, "mp4", "h264", "aac");
        assertRendition(completed.renditions().get(1), job, "webm", "vp9", "opus");

        JobRecord record = jobs.find(job.jobId()).orElseThrow();
        assertThat(record.state()).isEqualTo(JobState.ENCODING);
        assertThat(record.formatProgress()).isEqualTo(Map.of("mp4", 100, "webm", 100));
        assertThat(record.progress()).isEqualTo(90);
        await().untilAsserted(() -> assertThat(progressSeen).isNotEmpty().last().isEqualTo(90));
        assertThat(progressSeen).isSorted();
    }

    @Test
    void failsTheJobWhenTheSourceIsNotAVideo() {
        JobTicket job = downloading(List.of("mp4"), "notes.mp4");
        EventCapture failedEvents = capture("job.failed.v1");
        Path source = TestClips.text(workVolume.source(job.jobId()));

        publisher.publish(new SourceDownloaded(job, workVolume.relativize(source), 33));

        JobFailed failed = failedEvents.next(JobFailed.class, RECEIVE_TIMEOUT);
        assertThat(failed).isNotNull();
        assertThat(failed.job()).isEqualTo(job);
        assertThat(failed.stage()).isEqualTo(JobState.ENCODING);
        assertThat(failed.code()).isEqualTo(FailureCode.INPUT_NOT_VIDEO);
        assertThat(failed.reason()).startsWith("Your file is not a video").doesNotContain(workVolume.root().toString());
        // the failure is recorded before it is announced
        JobRecord record = jobs.find(job.jobId()).orElseThrow();
        assertThat(record.state()).isEqualTo(JobState.FAILED);
        assertThat(record.failedIn()).isEqualTo(JobState.ENCODING);
        assertThat(record.error()).isEqualTo(new JobRecord.JobError("INPUT_NOT_VIDEO", failed.reason()));
        assertThat(workVolume.jobDirectory(job.jobId())).doesNotExist();
    }

    @Test
    void publishesTheRenditionsThatSucceededWithTheFormatsThatFailed() throws Exception {
        JobTicket job = downloading(List.of("broken", "mp4"), "clip.mp4");
        EventCapture completedEvents = capture("encoding.completed.v2");
        Path source = TestClips.video(workVolume.source(job.jobId()));

        publisher.publish(new SourceDownloaded(job, workVolume.relativize(source), Files.size(source)));

        EncodingCompleted completed = completedEvents.next(EncodingCompleted.class,
                event -> event.jobId().equals(job.jobId()), RECEIVE_TIMEOUT);
        assertThat(completed).isNotNull();
        assertThat(completed.renditions()).extracting(EncodedRendition::format).containsExactly("mp4");
        assertThat(completed.failures()).extracting(FormatFailure::format, FormatFailure::code)
                .containsExactly(tuple("broken", FailureCode.ENCODER_ERROR));
        JobRecord record = jobs.find(job.jobId()).orElseThrow();
        assertThat(record.state()).isEqualTo(JobState.ENCODING);
        assertThat(record.progress()).isEqualTo(90);
    }

    @Test
    void sendsASecondDeliveryBackWhileAnotherEncoderHoldsTheJob() throws Exception {
        JobTicket job = downloading(List.of("mp4"), "clip.mp4");
        Path source = TestClips.video(workVolume.source(job.jobId()));
        SourceDownloaded downloaded = new SourceDownloaded(job, workVolume.relativize(source), Files.size(source));
        String waitingRoom = topology.retryQueue(Subscription.ENCODER_SOURCE_DOWNLOADED, Duration.ofSeconds(30));

        try (EncodeLease elsewhere = leases.acquire(job.jobId()).orElseThrow()) {
            publisher.publish(downloaded);

            await().atMost(RECEIVE_TIMEOUT).until(() -> jobs.find(job.jobId()).orElseThrow().waiting(),
                    SourceDownloadedListener.BUSY::equals);
            await().atMost(Duration.ofSeconds(10)).until(() -> admin.getQueueInfo(waitingRoom).getMessageCount(),
                    count -> count == 1);
            // so that it does not come back
            admin.purgeQueue(waitingRoom, false);
        }
        JobRecord record = jobs.find(job.jobId()).orElseThrow();
        assertThat(record.state()).as("never moved into encoding").isEqualTo(JobState.DOWNLOADING);
        assertThat(workVolume.jobDirectory(job.jobId()).resolve("out")).as("nothing encoded").doesNotExist();
    }

    @Test
    void stopsTheFfmpegOfACancelledJobWithinTwoSeconds() throws Exception {
        JobTicket job = downloading(List.of("slow"), "long.mp4");
        EventCapture failedEvents = capture("job.failed.v1");
        Path source = TestClips.video(workVolume.source(job.jobId()), "mp4", "640x360", 20);

        publisher.publish(new SourceDownloaded(job, workVolume.relativize(source), Files.size(source)));
        ProcessHandle encoding = await().atMost(RECEIVE_TIMEOUT).until(() -> ffmpegOf(job.jobId()),
                found -> found != null && partialFolderOf(job.jobId()) && encodingFor(job.jobId()));
        long cancelled = System.nanoTime();
        assertThat(jobs.cancel(job.jobId())).contains(JobState.ENCODING);

        await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(50))
                .until(() -> !encoding.isAlive());
        log.info("ffmpeg of the cancelled job was gone {} ms after the cancel",
                (System.nanoTime() - cancelled) / 1_000_000);
        await().atMost(Duration.ofSeconds(10)).until(() -> !Files.exists(workVolume.jobDirectory(job.jobId())));
        JobRecord record = jobs.find(job.jobId()).orElseThrow();
        assertThat(record.state()).isEqualTo(JobState.CANCELLED);
        assertThat(record.error()).isNull();
        assertThat(failedEvents.next(JobFailed.class, event -> event.jobId().equals(job.jobId()),
                Duration.ofSeconds(1))).as("not failed").isNull();
        assertThat(rabbit.receive(topology.parkedQueue(Subscription.ENCODER_SOURCE_DOWNLOADED), 100))
                .as("not parked").isNull();
    }

    @Test
    void renewsTheLeaseAcrossAnEncodeLongerThanItsTimeToLive() throws Exception {
        JobTicket job = downloading(List.of("slow"), "clip.mp4");
        EventCapture completedEvents = capture("encoding.completed.v2");
        Path source = TestClips.video(workVolume.source(job.jobId()), "mp4", "640x360", 4);
        String lease = leases.key(job.jobId());

        publisher.publish(new SourceDownloaded(job, workVolume.relativize(source), Files.size(source)));
        await().atMost(RECEIVE_TIMEOUT).pollInterval(Duration.ofMillis(20)).until(() -> redis.hasKey(lease));
        long held = System.nanoTime();
        String token = redis.opsForValue().get(lease);

        EncodingCompleted completed = completedEvents.next(EncodingCompleted.class,
                event -> event.jobId().equals(job.jobId()), RECEIVE_TIMEOUT);
        // published only because the fence found the lease still this encoder's, three and more lapses later
        assertThat(completed).isNotNull();
        assertThat(completed.renditions()).extracting(EncodedRendition::format).containsExactly("slow");
        assertThat(Duration.ofNanos(System.nanoTime() - held)).as("the encode outlasted the lease's time to live")
                .isGreaterThan(Duration.ofSeconds(3));
        assertThat(token).isNotNull();
        await().atMost(Duration.ofSeconds(5)).until(() -> !redis.hasKey(lease));
    }

    /** The ffmpeg this JVM runs for the job (its arguments name the job's folder), if any. */
    private static ProcessHandle ffmpegOf(String jobId) {
        return ProcessHandle.current().descendants()
                .filter(process -> process.info().commandLine().orElse("").contains(jobId))
                .findFirst().orElse(null);
    }

    /** Whether ffmpeg has reported progress: it reads and writes, past its start. */
    private boolean encodingFor(String jobId) {
        return jobs.find(jobId).map(job -> job.formatProgress().values().stream().anyMatch(percent -> percent > 0))
                .orElse(false);
    }

    private boolean partialFolderOf(String jobId) {
        Path out = workVolume.jobDirectory(jobId).resolve("out");
        if (!Files.isDirectory(out)) {
            return false;
        }
        try (Stream<Path> folders = Files.list(out)) {
            return folders.anyMatch(folder -> folder.getFileName().toString().endsWith(".part"));
        } catch (IOException e) {
            return false;
        }
    }

    private JobTicket downloading(List<String> formats, String sourceName) {
        JobTicket job = new JobTicket(UUID.randomUUID().toString(), "owner-a", "someone@example.com", formats, sourceName);
        jobs.create(job);
        jobs.advance(job, JobState.DOWNLOADING);
        return job;
    }

    private EventCapture capture(String routingKey) {
        EventCapture capture = EventCapture.of(admin, rabbit, topology.exchange(), routingKey);
        captures.add(capture);
        return capture;
    }

    /** The job's overall progress each time the job store announces a change. */
    private List<Integer> watchProgress(String jobId) {
        List<Integer> seen = new CopyOnWriteArrayList<>();
        RedisMessageListenerContainer watcher = new RedisMessageListenerContainer();
        watcher.setConnectionFactory(redisConnections);
        // one announcement after the other, as they came (by default each is handled on a thread of its own), and
        // not on Lettuce's event loop, which the job store's own reply may need
        ExecutorService inOrder = Executors.newSingleThreadExecutor();
        executors.add(inOrder);
        watcher.setTaskExecutor(inOrder);
        watcher.addMessageListener((message, pattern) -> jobs.find(jobId).ifPresent(job -> seen.add(job.progress())),
                new ChannelTopic(jobs.eventsChannel(jobId)));
        watcher.afterPropertiesSet();
        watcher.start();
        watchers.add(watcher);
        return seen;
    }

    private void assertRendition(EncodedRendition rendition, JobTicket job, String format, String videoCodec,
            String audioCodec) throws Exception {
        Path path = workVolume.resolve(rendition.directory()).resolve(rendition.entry());
        assertThat(path).isEqualTo(workVolume.outputDirectory(job.jobId(), format).resolve("holiday_clip." + format));
        assertThat(rendition.files()).singleElement()
                .satisfies(file -> assertThat(file.size()).isPositive().isEqualTo(Files.size(path)));
        Probe probe = ffmpeg.probe(path);
        assertThat(probe.video()).hasValueSatisfying(video -> assertThat(video.codec()).isEqualTo(videoCodec));
        assertThat(probe.audio()).hasValueSatisfying(audio -> assertThat(audio.codec()).isEqualTo(audioCodec));
    }
}
