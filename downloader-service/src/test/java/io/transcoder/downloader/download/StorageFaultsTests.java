package io.transcoder.downloader.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.transcoder.test.StorageFaults;
import io.transcoder.test.StorageFaults.Outage;
import io.transcoder.jobs.JobState;
import io.transcoder.jobs.JobStore;
import io.transcoder.messages.JobFailed;
import io.transcoder.messages.JobRequested;
import io.transcoder.messages.JobTicket;
import io.transcoder.messages.SourceDownloaded;
import io.transcoder.messaging.EventPublisher;
import io.transcoder.messaging.Subscription;
import io.transcoder.messaging.Topology;
import io.transcoder.storage.StorageProperties;
import io.transcoder.test.EventCapture;
import io.transcoder.test.TestInfrastructure;
import io.transcoder.test.TranscoderTest;
import io.transcoder.work.WorkVolume;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.bean.override.convention.TestBean;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;

// short delays in the broker and short in-process retries, so that an outage is seen waiting within seconds
@TranscoderTest(properties = {
    "transcoder.retry.delays=1s,2s",
    "spring.rabbitmq.listener.simple.retry.initial-interval=50ms",
    "spring.rabbitmq.listener.simple.retry.max-interval=100ms"})
class StorageFaultsTests {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final StorageFaults STORAGE = new StorageFaults();

    @TestBean
    S3Client s3;

    @Autowired
    StorageProperties storage;

    @Autowired
    EventPublisher publisher;

    @Autowired
    JobStore jobs;

    @Autowired
    WorkVolume workVolume;

    @Autowired
    AmqpAdmin admin;

    @Autowired
    RabbitTemplate rabbit;

    @Autowired
    Topology topology;

    EventCapture downloaded;
    EventCapture failed;

    static S3Client s3() {
        Map<String, String> test = TestInfrastructure.properties();
        S3Client client = S3Client.builder()
                .region(Region.of(test.get("transcoder.storage.region")))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        test.get("transcoder.storage.access-key"), test.get("transcoder.storage.secret-key"))))
                .forcePathStyle(true)
                .endpointOverride(URI.create(test.get("transcoder.storage.endpoint")))
                .overrideConfiguration(override -> override.addExecutionInterceptor(STORAGE))
                .build();
        String bucket = test.get("transcoder.storage.bucket");
        try {
            client.headBucket(head -> head.bucket(bucket));
        } catch (NoSuchBucketException e) {
            client.createBucket(create -> create.bucket(bucket));
        }
        return client;
    }

    @BeforeEach
    void capture() {
        downloaded = EventCapture.of(admin, rabbit, topology.exchange(), "source.downloaded.v1");
        failed = EventCapture.of(admin, rabbit, topology.exchange(), "job.failed.v1");
    }

    @AfterEach
    void release() {
        STORAGE.reset();
        downloaded.close();
        failed.close();
    }

    @Test
    void waitsOutAStorageOutageBeforeTheDownloadInARetryQueue() {
        waitsOutAnOutage(Outage.EVERYTHING, JobState.QUEUED);
    }

    @Test
    void waitsOutAStorageOutageOfTheDownloadItselfInARetryQueueAndLeavesNoPartialFile() {
        waitsOutAnOutage(Outage.DOWNLOADS, JobState.DOWNLOADING);
    }

    private void waitsOutAnOutage(Outage outage, JobState waitingIn) {
        JobTicket job = queuedJob();
        byte[] video = storedSource(job, 100_000);

        STORAGE.outage(outage);
        publisher.publish(new JobRequested(job, key(job)));

        await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(this::aMessageWaitsInARetryQueue);
        await().atMost(WAIT).untilAsserted(() -> assertThat(jobs.find(job.jobId()).orElseThrow().waiting())
                .startsWith("Storage is unreachable; the next attempt is at "));
        assertThat(jobs.state(job.jobId())).contains(waitingIn);
        assertThat(failed.next(JobFailed.class, Duration.ofMillis(100))).as("not failed").isNull();
        assertThat(rabbit.receive(topology.parkedQueue(Subscription.DOWNLOADER_JOB_REQUESTED), 100)).isNull();
        if (Files.isDirectory(workVolume.jobDirectory(job.jobId()))) {
            assertThat(workVolume.jobDirectory(job.jobId())).isDirectoryNotContaining("glob:**.part");
        }

        STORAGE.outage(Outage.NONE);

        SourceDownloaded event = downloaded.next(SourceDownloaded.class, WAIT);
        assertThat(event).isNotNull();
        assertThat(event.job()).isEqualTo(job);
        assertThat(workVolume.source(job.jobId())).hasBinaryContent(video);
        assertThat(workVolume.jobDirectory(job.jobId())).isDirectoryNotContaining("glob:**.part");
        assertThat(jobs.state(job.jobId())).contains(JobState.DOWNLOADING);
        workVolume.delete(job.jobId());
    }

    @Test
    void announcesNothingAndLeavesNoFileOfAJobCancelledDuringItsDownload() {
        JobTicket job = queuedJob();
        storedSource(job, 2_000_000);
        STORAGE.onDownload(() -> jobs.cancel(job.jobId()));

        publisher.publish(new JobRequested(job, key(job)));

        await().atMost(WAIT).until(() -> jobs.state(job.jobId()).orElseThrow() == JobState.CANCELLED);
        // one consumer takes the queue in order: once a later job is downloaded, the cancelled one has been handled
        STORAGE.onDownload(() -> {});
        JobTicket later = queuedJob();
        storedSource(later, 1_000);
        publisher.publish(new JobRequested(later, key(later)));
        SourceDownloaded event = downloaded.next(SourceDownloaded.class, WAIT);
        assertThat(event).isNotNull();
        assertThat(event.job()).isEqualTo(later);
        assertThat(workVolume.jobDirectory(job.jobId())).doesNotExist();
        assertThat(failed.next(JobFailed.class, Duration.ofMillis(100))).isNull();
        workVolume.delete(later.jobId());
    }

    private boolean aMessageWaitsInARetryQueue() {
        return List.of(Duration.ofSeconds(1), Duration.ofSeconds(2)).stream()
                .map(delay -> admin.getQueueInfo(topology.retryQueue(Subscription.DOWNLOADER_JOB_REQUESTED, delay)))
                .anyMatch(queue -> queue != null && queue.getMessageCount() > 0);
    }

    private JobTicket queuedJob() {
        JobTicket job = new JobTicket(UUID.randomUUID().toString(), "owner-a", "someone@example.com", List.of("mp4"),
                "clip.mp4");
        jobs.create(job);
        return job;
    }

    private byte[] storedSource(JobTicket job, int size) {
        byte[] video = new byte[size];
        new Random(size).nextBytes(video);
        s3.putObject(put -> put.bucket(storage.bucket()).key(key(job)), RequestBody.fromBytes(video));
        return video;
    }

    private static String key(JobTicket job) {
        return "sources/" + job.jobId() + "/clip.mp4";
    }
}
