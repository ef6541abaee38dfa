package io.transcoder.api.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.transcoder.api.TestKeys;
import io.transcoder.api.upload.ApiClient;
import io.transcoder.jobs.JobState;
import io.transcoder.jobs.JobStore;
import io.transcoder.messages.JobCancelled;
import io.transcoder.messages.JobTicket;
import io.transcoder.messages.RenditionFile;
import io.transcoder.messages.RenditionKind;
import io.transcoder.messages.StoredRendition;
import io.transcoder.messaging.Topology;
import io.transcoder.test.EventCapture;
import io.transcoder.test.TranscoderTest;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.json.JsonMapper;

@TranscoderTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class JobCancellationTests {

    @LocalServerPort
    int port;

    @Autowired
    JobStore jobs;

    @Autowired
    AmqpAdmin admin;

    @Autowired
    RabbitTemplate rabbit;

    @Autowired
    Topology topology;

    @Autowired
    JsonMapper json;

    @Autowired
    StringRedisTemplate redis;

    EventCapture cancelled;
    ApiClient alice;

    @BeforeEach
    void listenForCancelledJobs() {
        cancelled = EventCapture.of(admin, rabbit, topology.exchange(), "job.cancelled.v1");
        alice = new ApiClient(port, json, TestKeys.ALICE);
    }

    @AfterEach
    void stopListening() {
        cancelled.close();
    }

    @Test
    void cancelsAQueuedJobAndAnnouncesItForItsFilesToBeRemoved() {
        JobTicket job = newJob();

        ApiClient.Answer answer = alice.delete("/api/jobs/" + job.jobId());

        assertThat(answer.status()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(answer.body().get("id").asString()).isEqualTo(job.jobId());
        assertThat(answer.body().get("state").asString()).isEqualTo("CANCELLED");
        assertThat(jobs.state(job.jobId())).contains(JobState.CANCELLED);
        assertThat(redis.opsForZSet().score(jobs.activeKey("alice"), job.jobId()))
                .as("no longer among the owner's unfinished jobs").isNull();
        JobCancelled event = cancelled.next(JobCancelled.class, e -> e.jobId().equals(job.jobId()),
                Duration.ofSeconds(10));
        assertThat(event).isNotNull();
        assertThat(event.stage()).isEqualTo(JobState.QUEUED);
        assertThat(event.job()).isEqualTo(job);
    }

    @Test
    void cancelsAJobWhileItEncodesSayingSo() {
        JobTicket job = newJob();
        jobs.advance(job, JobState.DOWNLOADING);
        jobs.advance(job, JobState.ENCODING);

        assertThat(alice.delete("/api/jobs/" + job.jobId()).status()).isEqualTo(HttpStatus.ACCEPTED);

        JobCancelled event = cancelled.next(JobCancelled.class, e -> e.jobId().equals(job.jobId()),
                Duration.ofSeconds(10));
        assertThat(event.stage()).isEqualTo(JobState.ENCODING);
    }

    @Test
    void refusesToCancelACompletedJob() {
        JobTicket job = newJob();
        jobs.complete(job, List.of(new StoredRendition("mp4", RenditionKind.VIDEO, "outputs/" + job.jobId() + "/mp4/",
                "clip.mp4", List.of(new RenditionFile("clip.mp4", 10, "video/mp4")))), List.of());

        ApiClient.Answer answer = alice.delete("/api/jobs/" + job.jobId());

        assertThat(answer.status()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(answer.contentType()).isEqualTo("application/problem+json");
        assertThat(answer.body().get("type").asString()).isEqualTo("/problems/job-ended");
        assertThat(answer.body().get("detail").asString()).contains("COMPLETED");
        assertThat(jobs.state(job.jobId())).contains(JobState.COMPLETED);
    }

    @Test
    void answersAnotherOwnersJobAsUnknownAndLeavesItRunning() {
        JobTicket job = newJob();

        ApiClient.Answer answer = new ApiClient(port, json, TestKeys.BOB).delete("/api/jobs/" + job.jobId());

        assertThat(answer.status()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(answer.body().get("type").asString()).isEqualTo("/problems/job-not-found");
        assertThat(jobs.state(job.jobId())).contains(JobState.QUEUED);
        assertThat(alice.delete("/api/jobs/" + UUID.randomUUID()).status()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    private JobTicket newJob() {
        JobTicket job = new JobTicket(UUID.randomUUID().toString(), "alice", "a@example.com", List.of("mp4"),
                "clip.mp4");
        jobs.create(job);
        return job;
    }
}
