package io.transcoder.downloader.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.transcoder.downloader.space.FreeSpace;
import io.transcoder.downloader.space.SpaceGate;
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
import io.transcoder.test.TranscoderTest;
import io.transcoder.work.WorkVolume;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.test.context.bean.override.convention.TestBean;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** A real downloader on a work volume whose free space the test decides; everything else is real. */
@TranscoderTest(properties = {"downloader.min-free-space=1MB", "downloader.space-check-interval=100ms"})
class WaitingForSpaceTests {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final long MIN_FREE = 1024 * 1024;
    private static final long PLENTY = 1L << 40;
    private static final AtomicLong FREE = new AtomicLong(PLENTY);

    @TestBean
    FreeSpace freeSpace;

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

    @Autowired
    RabbitListenerEndpointRegistry listeners;

    @Autowired
    SpaceGate gate;

    @Autowired
    @Qualifier("workVolumeHealthIndicator")
    HealthIndicator workVolumeHealth;

    @Autowired
    HealthEndpoint health;

    EventCapture downloaded;
    EventCapture failed;

    static FreeSpace freeSpace() {
        return FREE::get;
    }

    @BeforeEach
    void capture() {
        downloaded = EventCapture.of(admin, rabbit, topology.exchange(), "source.downloaded.v1");
        failed = EventCapture.of(admin, rabbit, topology.exchange(), "job.failed.v1");
    }

    @AfterEach
    void roomAgain() {
        FREE.set(PLENTY);
        await().atMost(WAIT).until(() -> gate.waiting().isEmpty() && takingJobs());
        downloaded.close();
        failed.close();
    }

    @Test
    void takesNoJobWhileTheVolumeIsBelowItsMinimumAndTakesItOnceThereIsRoom() {
        FREE.set(MIN_FREE - 1);
        await().atMost(WAIT).until(() -> !takingJobs());
        assertThat(workVolumeHealth.health(true).getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
        assertThat(health.health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
        assertThat(health.healthForPath("readiness").getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
        // alive: nothing to restart, it carries on by itself
        assertThat(health.healthForPath("liveness").getStatus()).isEqualTo(Status.UP);
        JobTicket job = queuedJob();
        String key = storedSource(job, 3_000);

        publisher.publish(new JobRequested(job, key));

        // the request waits in the queue, where the reaper sees a backlog, and the job stays QUEUED
        await().atMost(WAIT).until(() -> waitingInQueue() == 1);
        await().during(Duration.ofSeconds(1)).atMost(WAIT)
                .until(() -> jobs.state(job.jobId()).orElseThrow() == JobState.QUEUED && waitingInQueue() == 1);
        assertThat(downloaded.next(SourceDownloaded.class, Duration.ofMillis(100))).isNull();

        FREE.set(PLENTY);

        SourceDownloaded event = downloaded.next(SourceDownloaded.class, WAIT);
        assertThat(event).isNotNull();
        assertThat(event.job()).isEqualTo(job);
        assertThat(workVolume.source(job.jobId())).hasSize(3_000);
        assertThat(jobs.state(job.jobId())).contains(JobState.DOWNLOADING);
        assertThat(workVolumeHealth.health(true).getStatus()).isEqualTo(Status.UP);
        assertThat(health.healthForPath("readiness").getStatus()).isEqualTo(Status.UP);
        assertThat(failed.next(JobFailed.class, Duration.ofMillis(100))).isNull();
        workVolume.delete(job.jobId());
    }

    @Test
    void handsBackAJobWhoseSourceDoesNotFitAndDownloadsItWhenItDoes() {
        long size = 3 * MIN_FREE;
        FREE.set(MIN_FREE + size - 1);
        JobTicket job = queuedJob();
        String key = storedSource(job, (int) size);

        publisher.publish(new JobRequested(job, key));

        // the downloader read the source's size, found it too big, put the request back and stopped taking more
        await().atMost(WAIT).until(() -> !takingJobs() && waitingInQueue() == 1);
        assertThat(gate.waiting()).hasValueSatisfying(waiting -> assertThat(waiting.needed()).isEqualTo(MIN_FREE + size));
        assertThat(jobs.find(job.jobId()).orElseThrow()).satisfies(waiting -> {
            assertThat(waiting.state()).isEqualTo(JobState.QUEUED);
            assertThat(waiting.waiting()).isEqualTo(JobRequestedListener.WAITING_FOR_ROOM);
        });
        assertThat(workVolume.jobDirectory(job.jobId())).doesNotExist();
        assertThat(rabbit.receive(topology.parkedQueue(Subscription.DOWNLOADER_JOB_REQUESTED), 100)).isNull();

        // the minimum is back, but not the room this source needs
        FREE.set(MIN_FREE + size / 2);
        await().during(Duration.ofMillis(500)).atMost(WAIT).until(() -> !takingJobs() && waitingInQueue() == 1);

        FREE.set(MIN_FREE + size);

        SourceDownloaded event = downloaded.next(SourceDownloaded.class, WAIT);
        assertThat(event).isNotNull();
        assertThat(event.job()).isEqualTo(job);
        assertThat(event.size()).isEqualTo(size);
        assertThat(jobs.state(job.jobId())).contains(JobState.DOWNLOADING);
        assertThat(jobs.find(job.jobId()).orElseThrow().waiting()).as("no longer waiting").isNull();
        assertThat(failed.next(JobFailed.class, Duration.ofMillis(100))).isNull();
        workVolume.delete(job.jobId());
    }

    private boolean takingJobs() {
        return listeners.getListenerContainer(JobRequestedListener.ID).isRunning();
    }

    private long waitingInQueue() {
        return admin.getQueueInfo(topology.queue(Subscription.DOWNLOADER_JOB_REQUESTED)).getMessageCount();
    }

    private JobTicket queuedJob() {
        JobTicket job = new JobTicket(UUID.randomUUID().toString(), "owner-a", "someone@example.com", List.of("mp4"), "clip.mp4");
        jobs.create(job);
        return job;
    }

    private String storedSource(JobTicket job, int size) {
        String key = "sources/" + job.jobId() + "/clip.mp4";
        s3.putObject(put -> put.bucket(storage.bucket()).key(key), RequestBody.fromBytes(new byte[size]));
        return key;
    }
}
