package io.transcoder.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.transcoder.jobs.JobIds;
import io.transcoder.jobs.JobStore;
import io.transcoder.messages.JobTicket;
import io.transcoder.test.TranscoderTest;
import io.transcoder.webhooks.Delivery.Outcome;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.json.JsonMapper;

@TranscoderTest(properties = "transcoder.webhooks.max-deliveries=3")
class DeliveryLogTests {

    private static final URI URL = URI.create("https://hooks.example.com/transcoder");
    private final Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    @Autowired
    DeliveryLog log;

    @Autowired
    JobStore jobs;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    JsonMapper json;

    @Test
    void keepsEachJobsDeliveriesOldestFirstAndCountsEachEvent() {
        String jobId = createdJob();
        String completed = WebhookEvent.COMPLETED.id(jobId, 1);

        log.record(jobId, delivery(completed, 1, 500, Outcome.RETRYING));
        log.record(jobId, delivery(completed, 2, 204, Outcome.DELIVERED));

        assertThat(log.deliveries(jobId)).extracting(Delivery::attempt, Delivery::statusCode, Delivery::outcome)
                .containsExactly(tuple(1, 500, Outcome.RETRYING),
                        tuple(2, 204, Outcome.DELIVERED));
        DeliveryLog.Progress progress = log.progress(jobId, completed);
        assertThat(progress.attempts()).isEqualTo(2);
        assertThat(progress.firstAttempt()).isEqualTo(start.plusSeconds(1));
        assertThat(progress.lastOutcome()).isEqualTo(Outcome.DELIVERED);
        assertThat(progress.settled()).isTrue();
        assertThat(log.progress(jobId, WebhookEvent.FAILED.id(jobId, 1))).isEqualTo(DeliveryLog.Progress.NONE);
        assertThat(log.deliveries(createdJob())).isEmpty();
    }

    @Test
    void keepsTheNewestDeliveriesOnlyButCountsEveryAttempt() {
        String jobId = createdJob();
        String failed = WebhookEvent.FAILED.id(jobId, 1);

        for (int attempt = 1; attempt <= 5; attempt++) {
            log.record(jobId, delivery(failed, attempt, null, Outcome.RETRYING));
        }

        assertThat(log.deliveries(jobId)).extracting(Delivery::attempt).containsExactly(3, 4, 5);
        assertThat(log.progress(jobId, failed).attempts()).isEqualTo(5);
        assertThat(log.progress(jobId, failed).firstAttempt()).isEqualTo(start.plusSeconds(1));
        assertThat(log.progress(jobId, failed).settled()).isFalse();
    }

    @Test
    void expiresWithItsJob() {
        String jobId = createdJob();

        log.record(jobId, delivery(WebhookEvent.CANCELLED.id(jobId, 1), 1, null, Outcome.REFUSED));

        Long job = redis.getExpire(jobs.key(jobId));
        assertThat(job).isPositive();
        assertThat(redis.getExpire(log.key(jobId))).isBetween(job - 2, job);
        assertThat(redis.getExpire(log.progressKey(jobId))).isBetween(job - 2, job);
    }

    @Test
    void showsAMissingStatusCodeAndErrorAsNull() {
        Delivery delivery = delivery("j:1:job.completed", 1, null, Outcome.RETRYING);

        assertThat(json.readTree(json.writeValueAsString(delivery)).has("statusCode")).isTrue();
        assertThat(json.readTree(json.writeValueAsString(delivery)).get("statusCode").isNull()).isTrue();
    }

    private Delivery delivery(String eventId, int attempt, Integer status, Outcome outcome) {
        return new Delivery(eventId.substring(eventId.lastIndexOf(':') + 1), eventId, URL, attempt,
                start.plusSeconds(attempt), status, status == null ? "Connection refused" : null, outcome);
    }

    private String createdJob() {
        String id = JobIds.next();
        jobs.create(new JobTicket(id, "alice", "someone@example.com", List.of("mp4"), "clip.mp4"), URL);
        return id;
    }
}
