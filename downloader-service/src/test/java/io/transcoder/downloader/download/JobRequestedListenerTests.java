package io.transcoder.downloader.download;

import static org.assertj.core.api.Assertions.assertThat;

import io.transcoder.jobs.FailureCode;
import io.transcoder.jobs.JobRecord;
import io.transcoder.jobs.JobState;
import io.transcoder.jobs.JobStore;
import io.transcoder.messages.JobFailed;
import io.transcoder.messages.JobRequested;
import io.transcoder.messages.JobTicket;
import io.transcoder.messages.SourceDownloaded;
import io.transcoder.messaging.EventPublisher;
import io.transcoder.messaging.Topology;
import io.transcoder.storage.StorageProperties;
import io.transcoder.test.EventCapture;
import io.transcoder.test.TranscoderTest;
import io.transcoder.work.WorkVolume;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

@TranscoderTest
class JobRequestedListenerTests {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Autowired
    EventPublisher publisher;

    @Autowired
    JobStore jobs;

    @Autowired
    WorkVolume workVolume;

    @Autowired
    S3Client s3;

    @Autowired
    StorageProperties storage;

    @Autowired
    AmqpAdmin admin;

    @Autowired
    RabbitTemplate rabbit;

    @Autowired
    Topology topology;

    EventCapture downloaded;
    EventCapture failed;

    @BeforeEach
    void capture() {
        downloaded = EventCapture.of(admin, rabbit, topology.exchange(), "source.downloaded.v1");
        failed = EventCapture.of(admin, rabbit, topology.exchange(), "job.failed.v1");
    }

    @AfterEach
    void release() {
        downloaded.close();
        failed.close();
    }

    @Test
    void downloadsTheSourceIntoTheWorkVolumeAndPublishesSourceDownloaded() throws Exception {
        JobTicket job = queuedJob();
        byte[] video = new byte[3_000_000];
        new Random(7).nextBytes(video);
        String key = "sources/" + job.jobId() + "/clip.mp4";
        s3.putObject(put -> put.bucket(storage.bucket()).key(key), RequestBody.fromBytes(video));

        publisher.publish(new JobRequested(job, key));

        SourceDownloaded event = downloaded.next(SourceDownloaded.class, WAIT);
        assertThat(event).isNotNull();
        assertThat(event.job()).isEqualTo(job);
        assertThat(event.size()).isEqualTo(video.length);
        assertThat(workVolume.resolve(event.sourceFile())).isEqualTo(workVolume.source(job.jobId())).hasBinaryContent(video);
        assertThat(workVolume.jobDirectory(job.jobId())).isDirectoryNotContaining("glob:**.part");
        assertThat(jobs.find(job.jobId()).orElseThrow().state()).isEqualTo(JobState.DOWNLOADING);
        workVolume.delete(job.jobId());
    }

    @Test
    void failsTheJobWithSourceMissingWhenTheUploadIsGone() {
        JobTicket job = queuedJob();

        publisher.publish(new JobRequested(job, "sources/" + job.jobId() + "/gone.mp4"));

        JobFailed event = failed.next(JobFailed.class, WAIT);
        assertThat(event).isNotNull();
        assertThat(event.code()).isEqualTo(FailureCode.SOURCE_MISSING);
        assertThat(event.stage()).isEqualTo(JobState.DOWNLOADING);
        // a failure is recorded before it is announced
        JobRecord record = jobs.find(job.jobId()).orElseThrow();
        assertThat(record.state()).isEqualTo(JobState.FAILED);
        assertThat(record.error().code()).isEqualTo("SOURCE_MISSING");
        assertThat(workVolume.jobDirectory(job.jobId())).doesNotExist();
        assertThat(downloaded.next(SourceDownloaded.class, Duration.ofMillis(200))).isNull();
    }

    @Test
    void dropsARequestForAJobThatHasAlreadyEnded() {
        JobTicket job = queuedJob();
        jobs.fail(job.jobId(), FailureCode.STAGE_ERROR, "cancelled by the test");
        jobs.markFailureAnnounced(job.jobId());

        publisher.publish(new JobRequested(job, "sources/" + job.jobId() + "/clip.mp4"));
        // one consumer takes the queue in order: once a later request is done, the ended job's has been handled
        JobTicket later = queuedJob();
        String key = "sources/" + later.jobId() + "/clip.mp4";
        s3.putObject(put -> put.bucket(storage.bucket()).key(key), RequestBody.fromString("video"));
        publisher.publish(new JobRequested(later, key));

        SourceDownloaded first = downloaded.next(SourceDownloaded.class, WAIT);
        assertThat(first).isNotNull();
        assertThat(first.job()).isEqualTo(later);
        assertThat(failed.next(JobFailed.class, Duration.ofMillis(200))).isNull();
        assertThat(jobs.find(job.jobId()).orElseThrow().error().message()).isEqualTo("cancelled by the test");
        assertThat(workVolume.jobDirectory(job.jobId())).doesNotExist();
        workVolume.delete(later.jobId());
    }

    private JobTicket queuedJob() {
        JobTicket job = new JobTicket(UUID.randomUUID().toString(), "owner-a", "someone@example.com", List.of("mp4"), "clip.mp4");
        jobs.create(job);
        return job;
    }
}
