package io.transcoder.uploader.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.transcoder.jobs.JobRecord;
import io.transcoder.jobs.JobState;
import io.transcoder.jobs.JobStore;
import io.transcoder.messages.EncodedRendition;
import io.transcoder.messages.EncodingCompleted;
import io.transcoder.messages.JobFailed;
import io.transcoder.messages.JobTicket;
import io.transcoder.messages.RenditionFile;
import io.transcoder.messages.RenditionKind;
import io.transcoder.messages.UploadCompleted;
import io.transcoder.messaging.EventPublisher;
import io.transcoder.messaging.Subscription;
import io.transcoder.messaging.Topology;
import io.transcoder.storage.StorageProperties;
import io.transcoder.test.StorageFaults;
import io.transcoder.test.EventCapture;
import io.transcoder.test.TestInfrastructure;
import io.transcoder.test.TranscoderTest;
import io.transcoder.work.WorkVolume;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.bean.override.convention.TestBean;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;

// short delays in the broker and short in-process retries, so that an outage is seen waiting within seconds
@TranscoderTest(properties = {
    "transcoder.retry.delays=1s,2s",
    "spring.rabbitmq.listener.simple.retry.initial-interval=50ms",
    "spring.rabbitmq.listener.simple.retry.max-interval=100ms"})
class StorageOutageTests {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final StorageFaults STORAGE = new StorageFaults();

    @TestBean
    S3AsyncClient multipartClient;

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

    static S3AsyncClient multipartClient() {
        Map<String, String> test = TestInfrastructure.properties();
        return S3AsyncClient.builder()
                .region(Region.of(test.get("transcoder.storage.region")))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        test.get("transcoder.storage.access-key"), test.get("transcoder.storage.secret-key"))))
                .forcePathStyle(true)
                .endpointOverride(URI.create(test.get("transcoder.storage.endpoint")))
                .multipartEnabled(true)
                .overrideConfiguration(override -> override.addExecutionInterceptor(STORAGE))
                .build();
    }

    @Test
    void waitsOutAStorageOutageInARetryQueueAndCompletesTheJobOnceStorageIsBack() throws Exception {
        JobTicket job = new JobTicket(UUID.randomUUID().toString(), "owner-a", "a@example.com", List.of("mp4"),
                "clip.mov");
        jobs.create(job);
        jobs.advance(job, JobState.ENCODING);
        Path file = workVolume.outputDirectory(job.jobId(), "mp4").resolve("clip.mp4");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "the mp4 rendition");
        EncodedRendition mp4 = new EncodedRendition("mp4", RenditionKind.VIDEO, job.jobId() + "/out/mp4", "clip.mp4",
                List.of(new RenditionFile("clip.mp4", 17, "video/mp4")));

        try (EventCapture uploaded = EventCapture.of(admin, rabbit, topology.exchange(), "upload.completed.v2");
                EventCapture failed = EventCapture.of(admin, rabbit, topology.exchange(), "job.failed.v1")) {
            STORAGE.outage(StorageFaults.Outage.EVERYTHING);
            try {
                publisher.publish(new EncodingCompleted(job, List.of(mp4), List.of()));

                await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(this::aMessageWaitsInARetryQueue);
                await().atMost(WAIT).untilAsserted(() -> assertThat(jobs.find(job.jobId()).orElseThrow().waiting())
                        .startsWith("Storage is unreachable; the next attempt is at "));
                JobRecord waiting = jobs.find(job.jobId()).orElseThrow();
                assertThat(waiting.state()).isEqualTo(JobState.UPLOADING);
                assertThat(failed.next(JobFailed.class, Duration.ofMillis(100))).isNull();
                assertThat(rabbit.receive(topology.parkedQueue(Subscription.UPLOADER_ENCODING_COMPLETED), 100)).isNull();
            } finally {
                STORAGE.reset();
            }

            UploadCompleted event = uploaded.next(UploadCompleted.class, WAIT);
            assertThat(event).isNotNull();
            assertThat(event.jobId()).isEqualTo(job.jobId());
        }
        JobRecord completed = jobs.find(job.jobId()).orElseThrow();
        assertThat(completed.state()).isEqualTo(JobState.COMPLETED);
        assertThat(completed.waiting()).as("cleared by the transition").isNull();
        assertThat(s3.getObjectAsBytes(get -> get.bucket(storage.bucket())
                .key("outputs/" + job.jobId() + "/mp4/clip.mp4")).asUtf8String()).isEqualTo("the mp4 rendition");
    }

    private boolean aMessageWaitsInARetryQueue() {
        return List.of(Duration.ofSeconds(1), Duration.ofSeconds(2)).stream()
                .map(delay -> admin.getQueueInfo(topology.retryQueue(Subscription.UPLOADER_ENCODING_COMPLETED, delay)))
                .anyMatch(queue -> queue != null && queue.getMessageCount() > 0);
    }
}
