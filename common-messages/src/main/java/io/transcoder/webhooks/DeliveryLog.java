package io.transcoder.webhooks;

import io.transcoder.jobs.JobStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every webhook delivery of a job, in Redis: the notifier-service records each attempt, the api-service shows them.
 * A list of JSON records at {@code {namespace}:job:{id}:deliveries}, oldest first and capped to the newest
 * {@code maxDeliveries}, and beside it, at {@code {namespace}:job:{id}:webhooks}, each event's attempts so far, first
 * attempt and last outcome, which the cap never trims: the attempt number and the time to give up survive a restart.
 * Both expire with the job.
 */
public class DeliveryLog {

    private static final RedisScript<Long> RECORD =
            RedisScript.of(new ClassPathResource("io/transcoder/webhooks/record-delivery.lua"), Long.class);

    private final StringRedisTemplate redis;
    private final JsonMapper json;
    private final JobStore jobs;
    private final int maxDeliveries;
    private final Duration retention;

    public DeliveryLog(StringRedisTemplate redis, JsonMapper json, JobStore jobs, int maxDeliveries, Duration retention) {
        this.redis = redis;
        this.json = json;
        this.jobs = jobs;
        this.maxDeliveries = maxDeliveries;
        this.retention = retention;
    }

    /** How far delivering one event has got. */
    public record Progress(int attempts, @Nullable Instant firstAttempt, Delivery.@Nullable Outcome lastOutcome) {

        static final Progress NONE = new Progress(0, null, null);

        /** Whether the event is done with: delivered, given up or refused. */
        public boolean settled() {
            return lastOutcome != null && lastOutcome.isFinal();
        }
    }

    /** The job's deliveries, oldest first (at most the newest {@code maxDeliveries}). */
    public List<Delivery> deliveries(String jobId) {
        List<String> records = redis.opsForList().range(key(jobId), 0, -1);
        return records == null ? List.of()
                : records.stream().map(record -> json.readValue(record, Delivery.class)).toList();
    }

    public Progress progress(String jobId, String eventId) {
        Map<String, String> fields = redis.<String, String>opsForHash().entries(progressKey(jobId));
        String attempts = fields.get(eventId + ":attempts");
        if (attempts == null) {
            return Progress.NONE;
        }
        String first = fields.get(eventId + ":first");
        String outcome = fields.get(eventId + ":outcome");
        return new Progress(Integer.parseInt(attempts), first == null ? null : Instant.parse(first),
                outcome == null ? null : Delivery.Outcome.valueOf(outcome));
    }

    /** Adds a delivery to the job's log; the log lives as long as the job. */
    public void record(String jobId, Delivery delivery) {
        redis.execute(RECORD, List.of(key(jobId), progressKey(jobId), jobs.key(jobId)),
                json.writeValueAsString(delivery), String.valueOf(maxDeliveries), String.valueOf(retention.toSeconds()),
                delivery.eventId(), String.valueOf(delivery.attempt()), delivery.at().toString(),
                delivery.outcome().name());
    }

    public String key(String jobId) {
        return jobs.key(jobId) + ":deliveries";
    }

    public String progressKey(String jobId) {
        return jobs.key(jobId) + ":webhooks";
    }
}
