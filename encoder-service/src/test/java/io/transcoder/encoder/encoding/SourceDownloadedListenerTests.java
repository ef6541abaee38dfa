package io.transcoder.encoder.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.core.task.SyncTaskExecutor;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

@TranscoderTest(properties = {
    "transcoder.formats.webm.progressive.options=-deadline,realtime,-cpu-used,8,-row-mt,1,-crf,33,-b:v,0,-pix_fmt,yuv420p,-b:a,96k,-ac,2",
    "encoder.progress-interval=100ms"})
class SourceDownloadedListenerTests {

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
    RedisConnectionFactory redis;

    @Autowired
    Ffmpeg ffmpeg;

    private final List<EventCapture> captures = new ArrayList<>();
    private final List<RedisMessageListenerContainer> watchers = new ArrayList<>();

    @AfterEach
    void cleanUp() throws Exception {
        captures.forEach(EventCapture::close);
        for (RedisMessageListenerContainer watcher : watchers) {
            watcher.destroy();
        }
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
        watcher.setConnectionFactory(redis);
        // one announcement after the other, as they came: by default each is handled on a thread of its own
        watcher.setTaskExecutor(new SyncTaskExecutor());
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
