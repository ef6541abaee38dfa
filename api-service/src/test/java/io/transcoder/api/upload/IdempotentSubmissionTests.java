package io.transcoder.api.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.transcoder.api.security.Owner;
import io.transcoder.jobs.JobStore;
import io.transcoder.storage.StorageProperties;
import io.transcoder.test.TranscoderTest;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.client.MultipartBodyBuilder;
import software.amazon.awssdk.services.s3.S3Client;
import tools.jackson.databind.json.JsonMapper;

@TranscoderTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class IdempotentSubmissionTests {

    private static final byte[] VIDEO = Uploads.bytes(200_000);

    @LocalServerPort
    int port;

    @Autowired
    JobStore jobs;

    @Autowired
    IdempotencyKeys keys;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    S3Client s3;

    @Autowired
    StorageProperties storage;

    @Autowired
    JsonMapper json;

    ApiClient api;
    Set<String> sourcesBefore;

    @BeforeEach
    void connect() {
        api = new ApiClient(port, json);
        sourcesBefore = Uploads.storedSources(s3, storage.bucket());
    }

    @Test
    void answersARepeatOfASubmissionWithItsJobAndStoresItOnce() {
        String key = UUID.randomUUID().toString();

        ApiClient.Answer first = api.submit(Uploads.form("clip.mp4", VIDEO), key);
        ApiClient.Answer repeat = api.submit(Uploads.form("clip.mp4", VIDEO), key);

        assertThat(first.status()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(first.headers().containsHeader("Idempotent-Replayed")).isFalse();
        assertThat(repeat.status()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(repeat.headers().getFirst("Idempotent-Replayed")).isEqualTo("true");
        String id = first.body().get("id").asString();
        assertThat(repeat.body().get("id").asString()).isEqualTo(id);
        assertThat(repeat.location()).isEqualTo(first.location()).isEqualTo("/api/jobs/" + id);
        assertThat(repeat.body().propertyNames()).containsExactlyInAnyOrderElementsOf(first.body().propertyNames());
        assertThat(newSources()).containsExactly("sources/" + id + "/clip.mp4");
        assertThat(redis.getExpire(keys.redisKey(new Owner("alice"), key), TimeUnit.HOURS))
                .isBetween(23L, 24L);
    }

    @Test
    void refusesAnotherRequestUnderAKeyUsedBefore() {
        String key = UUID.randomUUID().toString();
        ApiClient.Answer first = api.submit(Uploads.form("clip.mp4", VIDEO), key);
        MultipartBodyBuilder otherFormats = Uploads.fields("webm", "someone@example.com");
        otherFormats.part("file", Uploads.file(VIDEO, "clip.mp4"));
        byte[] otherVideo = VIDEO.clone();
        otherVideo[otherVideo.length - 1]++;

        MultipartBodyBuilder otherCallback = Uploads.fields("mp4", "someone@example.com");
        otherCallback.part("callbackUrl", "http://127.0.0.1:9/hooks");
        otherCallback.part("file", Uploads.file(VIDEO, "clip.mp4"));

        ApiClient.Answer formats = api.submit(otherFormats, key);
        ApiClient.Answer video = api.submit(Uploads.form("clip.mp4", otherVideo), key);
        ApiClient.Answer callback = api.submit(otherCallback, key);

        for (ApiClient.Answer refused : new ApiClient.Answer[] {formats, video, callback}) {
            assertThat(refused.status()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
            assertThat(refused.contentType()).isEqualTo("application/problem+json");
            assertThat(refused.body().get("type").asString()).isEqualTo("/problems/idempotency-key-reused");
            assertThat(refused.body().get("jobId").asString()).isEqualTo(first.body().get("id").asString());
        }
        assertThat(newSources()).hasSize(1);
    }

    @Test
    void refusesAKeyThatIsEmptyTooLongOrNotVisibleAscii() {
        for (String key : new String[] {"", "has space", "x".repeat(256), "tab\there"}) {
            ApiClient.Answer answer = api.submit(Uploads.form("clip.mp4", VIDEO), key);

            assertThat(answer.status()).as(key).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(answer.body().get("type").asString()).isEqualTo("/problems/invalid-idempotency-key");
        }
        assertThat(api.submit(Uploads.form("clip.mp4", VIDEO), "x".repeat(255)).status())
                .isEqualTo(HttpStatus.ACCEPTED);
        assertThat(newSources()).hasSize(1);
    }

    @Test
    void freesTheKeyOfARefusedRequestForTheClientToRepeatIt() {
        String key = UUID.randomUUID().toString();
        MultipartBodyBuilder badEmail = Uploads.fields("mp4", "not an address");
        badEmail.part("file", Uploads.file(VIDEO, "clip.mp4"));

        assertThat(api.submit(badEmail, key).status()).isEqualTo(HttpStatus.BAD_REQUEST);
        ApiClient.Answer repeated = api.submit(Uploads.form("clip.mp4", VIDEO), key);

        assertThat(repeated.status()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(repeated.headers().containsHeader("Idempotent-Replayed")).isFalse();
    }

    @Test
    void refusesARequestWhileTheFirstWithItsKeyStillUploads() throws Exception {
        String key = UUID.randomUUID().toString();
        String redisKey = keys.redisKey(new Owner("alice"), key);
        byte[] head = concat(RawHttp.field("formats", "mp4"), RawHttp.field("email", "someone@example.com"),
                RawHttp.fileHeader("clip.mp4"));
        byte[] tail = RawHttp.end();
        CountDownLatch rest = new CountDownLatch(1);
        CompletableFuture<RawHttp.Answer> first = CompletableFuture.supplyAsync(() -> {
            try {
                return RawHttp.post(port, head.length + VIDEO.length + tail.length,
                        "Idempotency-Key: " + key + "\r\n", out -> {
                            out.write(head);
                            out.write(VIDEO, 0, 1000);
                            out.flush();
                            rest.await();
                            out.write(VIDEO, 1000, VIDEO.length - 1000);
                            out.write(tail);
                        });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            String value = redis.opsForValue().get(redisKey);
            return value != null && value.startsWith("pending:");
        });

        ApiClient.Answer second = api.submit(Uploads.form("clip.mp4", VIDEO), key);
        rest.countDown();

        assertThat(second.status()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(second.body().get("type").asString()).isEqualTo("/problems/idempotency-key-in-use");
        assertThat(second.headers().getFirst("Retry-After")).isNotBlank();
        RawHttp.Answer answer = first.get(20, TimeUnit.SECONDS);
        assertThat(answer.status()).isEqualTo(202);
        Matcher location = Pattern.compile("(?mi)^Location: /api/jobs/(\\S+)$").matcher(answer.headers());
        assertThat(location.find()).as(answer.headers()).isTrue();
        String id = location.group(1);
        ApiClient.Answer repeat = api.submit(Uploads.form("clip.mp4", VIDEO), key);
        assertThat(repeat.status()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(repeat.body().get("id").asString()).isEqualTo(id);
    }

    private Set<String> newSources() {
        Set<String> added = new HashSet<>(Uploads.storedSources(s3, storage.bucket()));
        added.removeAll(sourcesBefore);
        return added;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            all.writeBytes(part);
        }
        return all.toByteArray();
    }
}
