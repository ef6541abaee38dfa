package io.transcoder.encoder.encoding;

import io.transcoder.encoder.EncoderProperties;
import io.transcoder.jobs.JobStore;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * One encode at a time per job, across every encoder: an encoder takes the job's lease in Redis
 * ({@code {namespace}:job:{id}:encode-lease}, holding a token of its own) before it encodes, renews it every third of
 * its time to live while it encodes, and gives it up when it is done. An encoder that dies stops renewing, and its
 * lease lapses, so that a redelivered message can take the job over.
 */
@Component
class EncodeLeases implements DisposableBean {

    private static final RedisScript<Long> RENEW =
            RedisScript.of(new ClassPathResource("io/transcoder/encoder/encoding/lease-renew.lua"), Long.class);
    private static final RedisScript<Long> RELEASE =
            RedisScript.of(new ClassPathResource("io/transcoder/encoder/encoding/lease-release.lua"), Long.class);

    private final StringRedisTemplate redis;
    private final JobStore jobs;
    private final Duration ttl;
    private final ScheduledExecutorService renewals = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "encode-lease-renewal");
        thread.setDaemon(true);
        return thread;
    });

    EncodeLeases(StringRedisTemplate redis, JobStore jobs, EncoderProperties properties) {
        this.redis = redis;
        this.jobs = jobs;
        this.ttl = properties.leaseTtl();
    }

    /** The job's lease, renewed from now on until it is closed; empty while another encoder holds it. */
    Optional<EncodeLease> acquire(String jobId) {
        String key = key(jobId);
        String token = UUID.randomUUID().toString();
        if (!Boolean.TRUE.equals(redis.opsForValue().setIfAbsent(key, token, ttl))) {
            return Optional.empty();
        }
        EncodeLease lease = new EncodeLease(this, jobId, key, token);
        long period = Math.max(ttl.toMillis() / 3, 1);
        lease.renewing(renewals.scheduleAtFixedRate(lease::renewInBackground, period, period, TimeUnit.MILLISECONDS));
        return Optional.of(lease);
    }

    String key(String jobId) {
        return jobs.key(jobId) + ":encode-lease";
    }

    /** Extends the lease by its time to live if the token still holds it. */
    boolean renew(String key, String token) {
        Long renewed = redis.execute(RENEW, List.of(key), token, String.valueOf(ttl.toMillis()));
        return renewed != null && renewed == 1;
    }

    void release(String key, String token) {
        redis.execute(RELEASE, List.of(key), token);
    }

    @Override
    public void destroy() {
        renewals.shutdownNow();
    }
}
