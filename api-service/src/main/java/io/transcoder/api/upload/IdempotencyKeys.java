package io.transcoder.api.upload;

import io.transcoder.TranscoderProperties;
import io.transcoder.api.ApiProperties;
import io.transcoder.api.problems.ApiException;
import io.transcoder.api.security.Owner;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * The {@code Idempotency-Key}s of each owner's submissions, shared by every replica: a string at
 * {@code {namespace}:owner:{owner}:idempotency:{sha256 of the key}}, first claimed ({@code pending:{claim}}) while the
 * first request with it runs, then {@code job:{jobId}:{fingerprint}} for 24 hours after it succeeded.
 */
@Component
class IdempotencyKeys {

    static final Duration KEPT = Duration.ofHours(24);
    static final String HEADER = "Idempotency-Key";

    private static final String PENDING = "pending:";
    private static final String DONE = "job:";
    /** Lets go of a claim only while it is still this request's. */
    private static final RedisScript<Long> RELEASE = RedisScript.of(
            "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0", Long.class);

    private final StringRedisTemplate redis;
    private final String namespace;
    private final Duration claimHold;

    IdempotencyKeys(StringRedisTemplate redis, TranscoderProperties transcoder, ApiProperties api) {
        this.redis = redis;
        this.namespace = transcoder.namespace();
        // a claim outlives the longest upload, so only a request that died without releasing it lets it lapse
        this.claimHold = api.uploadDeadline().plusMinutes(1);
    }

    /** What a key stands for when a request brings it. */
    sealed interface Claim permits Claimed, InUse, Used {}

    /** This request is the first with the key: it must {@link #record} or {@link #release} it. */
    record Claimed(String redisKey, String token) implements Claim {}

    /** An earlier request with the key is still running. */
    record InUse() implements Claim {}

    /** An earlier request with the key made this job. */
    record Used(String jobId, String fingerprint) implements Claim {}

    /** Claims the owner's key, or says what it stands for already; refuses a key that is not 1-255 visible ASCII. */
    Claim claim(Owner owner, String key) {
        String redisKey = redisKey(owner, requireValid(key));
        String token = PENDING + UUID.randomUUID();
        // twice at most: the value read may lapse between the SET and the GET
        for (int tries = 0; tries < 2; tries++) {
            if (Boolean.TRUE.equals(redis.opsForValue().setIfAbsent(redisKey, token, claimHold))) {
                return new Claimed(redisKey, token);
            }
            String value = redis.opsForValue().get(redisKey);
            if (value != null && value.startsWith(PENDING)) {
                return new InUse();
            }
            if (value != null && value.startsWith(DONE)) {
                String[] job = value.substring(DONE.length()).split(":", 2);
                return new Used(job[0], job[1]);
            }
        }
        return new InUse();
    }

    /** The claimed key now stands for the job its request made, for {@link #KEPT}. */
    void record(Claimed claim, String jobId, String fingerprint) {
        redis.opsForValue().set(claim.redisKey(), DONE + jobId + ":" + fingerprint, KEPT);
    }

    /** The claimed key's request failed: the key is free again, for the client to repeat it. */
    void release(Claimed claim) {
        redis.execute(RELEASE, List.of(claim.redisKey()), claim.token());
    }

    /** Where Redis keeps the owner's key: hashed, so that a key of any letters makes a harmless, bounded name. */
    String redisKey(Owner owner, String key) {
        return namespace + ":owner:" + owner.id() + ":idempotency:" + sha256(key);
    }

    private static String requireValid(String key) {
        if (key.isEmpty() || key.length() > 255 || !key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
            throw ApiException.invalidIdempotencyKey();
        }
        return key;
    }

    private static String sha256(String key) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }
}
