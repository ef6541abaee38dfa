package io.transcoder.notifier.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.transcoder.jobs.FailureCode;
import io.transcoder.jobs.JobRecord;
import io.transcoder.jobs.JobState;
import io.transcoder.jobs.JobStore;
import io.transcoder.messages.JobCancelled;
import io.transcoder.messages.JobFailed;
import io.transcoder.messages.JobTicket;
import io.transcoder.messages.RenditionFile;
import io.transcoder.messages.RenditionKind;
import io.transcoder.messages.StoredRendition;
import io.transcoder.messages.UploadCompleted;
import io.transcoder.messaging.EventPublisher;
import io.transcoder.notifier.webhooks.WebhookReceiver.Received;
import io.transcoder.notifier.webhooks.WebhookReceiver.Reply;
import io.transcoder.storage.StorageProperties;
import io.transcoder.test.TestInfrastructure;
import io.transcoder.test.TranscoderTest;
import io.transcoder.webhooks.Delivery;
import io.transcoder.webhooks.Delivery.Outcome;
import io.transcoder.webhooks.DeliveryLog;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

// a second between attempts and four seconds before giving up, so that retries and the end of them fit in a test
@TranscoderTest(properties = {"transcoder.retry.delays=1s", "notifier.webhooks.give-up-after=4s",
    "notifier.webhooks.request-timeout=1s", "notifier.from=notifier@transcoder.test"})
class WebhookDeliveryTests {

    @RegisterExtension
    static GreenMailExtension greenMail =
            new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

    private static final WebhookReceiver receiver = new WebhookReceiver();
    private static final Pattern SIGNATURE = Pattern.compile("t=(\\d+),v1=([0-9a-f]{64})");

    private final List<String> jobIds = new ArrayList<>();
    private final List<String> keys = new ArrayList<>();

    @Autowired
    EventPublisher publisher;

    @Autowired
    JobStore jobs;

    @Autowired
    DeliveryLog deliveries;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    S3Client s3;

    @Autowired
    StorageProperties storage;

    @Autowired
    JsonMapper json;

    @DynamicPropertySource
    static void mailServer(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> greenMail.getSmtp().getBindTo());
        registry.add("spring.mail.port", () -> greenMail.getSmtp().getPort());
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    @AfterEach
    void deleteJobsAndObjects() {
        jobIds.forEach(id -> redis.delete(List.of(jobs.key(id), deliveries.key(id), deliveries.progressKey(id))));
        keys.forEach(key -> s3.deleteObject(request -> request.bucket(storage.bucket()).key(key)));
    }

    @Test
    void postsACompletedJobSignedWithItsOwnersSecret() throws Exception {
        String owner = newOwner();
        URI url = receiver.path("/hooks/" + UUID.randomUUID(), Reply.status(204));
        JobTicket job = createdJob(owner, url);
        StoredRendition mp4 = stored(job, "mp4", "clip.mp4", "the mp4 rendition");
        jobs.complete(job, List.of(mp4), List.of());

        publisher.publish(new UploadCompleted(job, List.of(mp4), List.of()));

        Received request = awaitRequests(url, 1).get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.header("Content-Type")).isEqualTo("application/json");
        assertThat(request.header("Transcoder-Event")).isEqualTo("job.completed");
        assertThat(request.header("Transcoder-Event-Id")).isEqualTo(job.jobId() + ":1:job.completed");
        assertThat(signatureValid(request, owner)).isTrue();
        assertThat(signatureValid(request, newOwner())).as("another owner's secret").isFalse();

        JsonNode event = json.readTree(request.body());
        assertThat(event.get("id").asString()).isEqualTo(job.jobId() + ":1:job.completed");
        assertThat(event.get("type").asString()).isEqualTo("job.completed");
        assertThat(Instant.parse(event.get("createdAt").asString())).isBefore(Instant.now().plusSeconds(1));
        JsonNode sent = event.get("job");
        assertThat(sent.get("id").asString()).isEqualTo(job.jobId());
        assertThat(sent.get("state").asString()).isEqualTo("COMPLETED");
        assertThat(sent.get("sourceName").asString()).isEqualTo("clip.mov");
        assertThat(sent.get("attempt").asInt()).isEqualTo(1);
        assertThat(sent.get("pageUrl").asString()).endsWith("/?job=" + job.jobId());
        JsonNode output = sent.get("outputs").get(0);
        assertThat(output.get("format").asString()).isEqualTo("mp4");
        assertThat(output.get("fileName").asString()).isEqualTo("clip.mp4");
        assertThat(output.get("size").asLong()).isEqualTo(17);
        HttpResponse<String> download = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(output.get("url").asString())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo("the mp4 rendition");

        await().untilAsserted(() -> assertThat(deliveries.deliveries(job.jobId()))
                .extracting(Delivery::event, Delivery::attempt, Delivery::statusCode, Delivery::error, Delivery::outcome)
                .containsExactly(tuple("job.completed", 1, 204, null, Outcome.DELIVERED)));
        assertThat(deliveries.deliveries(job.jobId()).get(0).url()).isEqualTo(url);
    }

    @Test
    void triesAFailingReceiverAgainLaterWithoutHoldingUpTheEmailOrChangingTheJob() {
        URI url = receiver.path("/hooks/" + UUID.randomUUID(), Reply.status(500), Reply.status(204));
        JobTicket job = createdJob(newOwner(), url);
        jobs.advance(job, JobState.DOWNLOADING);
        jobs.fail(job.jobId(), FailureCode.INPUT_NOT_VIDEO, "The file is not a video.");

        publisher.publish(new JobFailed(job, JobState.DOWNLOADING, FailureCode.INPUT_NOT_VIDEO, "The file is not a video."));

        List<Received> requests = awaitRequests(url, 2);
        assertThat(requests).extracting(request -> request.header("Transcoder-Event-Id"))
                .containsOnly(job.jobId() + ":1:job.failed");
        assertThat(requests).extracting(request -> request.header("Transcoder-Delivery-Attempt")).containsExactly("1", "2");
        JsonNode error = json.readTree(requests.get(1).body()).get("job").get("error");
        assertThat(error.get("code").asString()).isEqualTo("INPUT_NOT_VIDEO");
        assertThat(error.get("stage").asString()).isEqualTo("DOWNLOADING");
        await().untilAsserted(() -> assertThat(deliveries.deliveries(job.jobId()))
                .extracting(Delivery::attempt, Delivery::statusCode, Delivery::outcome)
                .containsExactly(tuple(1, 500, Outcome.RETRYING), tuple(2, 204, Outcome.DELIVERED)));
        Delivery failed = deliveries.deliveries(job.jobId()).get(0);
        assertThat(failed.error()).isEqualTo("The receiver answered 500: error 500 from the receiver");
        assertThat(deliveries.deliveries(job.jobId()).get(1).at()).isAfterOrEqualTo(failed.at().plusSeconds(1));
        await().until(() -> greenMail.getReceivedMessagesForDomain(job.email()).length == 1);
        JobRecord record = jobs.find(job.jobId()).orElseThrow();
        assertThat(record.state()).isEqualTo(JobState.FAILED);
        assertThat(record.waiting()).isNull();
    }

    @Test
    void givesUpOnceTheNextAttemptWouldComeTooLate() {
        URI url = receiver.path("/hooks/" + UUID.randomUUID(), Reply.status(503));
        JobTicket job = createdJob(newOwner(), url);
        jobs.cancel(job.jobId());

        publisher.publish(new JobCancelled(job, JobState.QUEUED));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(deliveries.deliveries(job.jobId()))
                .last().extracting(Delivery::outcome).isEqualTo(Outcome.GAVE_UP));
        List<Delivery> log = deliveries.deliveries(job.jobId());
        assertThat(log).extracting(Delivery::event).containsOnly("job.cancelled");
        assertThat(log).extracting(Delivery::outcome).filteredOn(Outcome.RETRYING::equals).hasSize(log.size() - 1);
        assertThat(log).extracting(Delivery::attempt).startsWith(1, 2);
        assertThat(log.get(log.size() - 1).at()).isBefore(log.get(0).at().plusSeconds(4));
        // nothing follows the last attempt
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                .until(() -> receiver.received(url.getPath()).size() == log.size());
        assertThat(jobs.find(job.jobId()).orElseThrow().state()).isEqualTo(JobState.CANCELLED);
    }

    @Test
    void refusesACallbackUrlThatReachesAPrivateAddressByNow() {
        URI url = URI.create("http://10.0.0.1/hooks/transcoder");
        JobTicket job = createdJob(newOwner(), url);
        jobs.cancel(job.jobId());

        publisher.publish(new JobCancelled(job, JobState.QUEUED));

        await().untilAsserted(() -> assertThat(deliveries.deliveries(job.jobId()))
                .extracting(Delivery::attempt, Delivery::statusCode, Delivery::outcome)
                .containsExactly(tuple(1, null, Outcome.REFUSED)));
        assertThat(deliveries.deliveries(job.jobId()).get(0).error())
                .isEqualTo("The callback URL was not called: it is a private address; callbacks may not reach the "
                        + "service's own network.");
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                .until(() -> deliveries.deliveries(job.jobId()).size() == 1);
    }

    @Test
    void neverFollowsARedirect() {
        URI elsewhere = receiver.path("/elsewhere/" + UUID.randomUUID(), Reply.status(204));
        URI url = receiver.path("/hooks/" + UUID.randomUUID(), Reply.redirect(elsewhere.toString()), Reply.status(204));
        JobTicket job = createdJob(newOwner(), url);
        jobs.cancel(job.jobId());

        publisher.publish(new JobCancelled(job, JobState.ENCODING));

        await().untilAsserted(() -> assertThat(deliveries.deliveries(job.jobId()))
                .extracting(Delivery::statusCode, Delivery::error, Delivery::outcome)
                .containsExactly(tuple(302, "The receiver answered 302 (redirects are not followed).", Outcome.RETRYING),
                        tuple(204, null, Outcome.DELIVERED)));
        assertThat(receiver.received(elsewhere.getPath())).isEmpty();
    }

    @Test
    void countsAReceiverTooSlowToAnswerAsAFailure() {
        CountDownLatch release = new CountDownLatch(1);
        URI url = receiver.path("/hooks/" + UUID.randomUUID(), Reply.heldUntil(release), Reply.status(204));
        JobTicket job = createdJob(newOwner(), url);
        jobs.cancel(job.jobId());

        publisher.publish(new JobCancelled(job, JobState.QUEUED));

        try {
            await().untilAsserted(() -> assertThat(deliveries.deliveries(job.jobId()))
                    .extracting(Delivery::statusCode, Delivery::error, Delivery::outcome)
                    .startsWith(tuple(null, "No answer within 1 s.", Outcome.RETRYING)));
        } finally {
            release.countDown();
        }
        await().untilAsserted(() -> assertThat(deliveries.deliveries(job.jobId())).last()
                .extracting(Delivery::outcome).isEqualTo(Outcome.DELIVERED));
    }

    /** Checks the signature as a receiver would, from the signing key alone: none of the service's classes. */
    private static boolean signatureValid(Received request, String owner) throws Exception {
        String signingKey = TestInfrastructure.properties().get("transcoder.links.signing-key");
        String secret = "whsec_" + hmacHex(signingKey.getBytes(StandardCharsets.UTF_8),
                ("webhook-secret:" + owner).getBytes(StandardCharsets.UTF_8));
        Matcher header = SIGNATURE.matcher(request.header("Transcoder-Signature"));
        assertThat(header.matches()).as("the signature header %s", request.header("Transcoder-Signature")).isTrue();
        long t = Long.parseLong(header.group(1));
        assertThat(Math.abs(Instant.now().getEpochSecond() - t)).isLessThan(60);
        byte[] prefix = (t + ".").getBytes(StandardCharsets.US_ASCII);
        byte[] signed = Arrays.copyOf(prefix, prefix.length + request.body().length);
        System.arraycopy(request.body(), 0, signed, prefix.length, request.body().length);
        return hmacHex(secret.getBytes(StandardCharsets.UTF_8), signed).equals(header.group(2));
    }

    private static String hmacHex(byte[] key, byte[] data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(data));
    }

    private static List<Received> awaitRequests(URI url, int count) {
        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.received(url.getPath()).size() >= count);
        return receiver.received(url.getPath());
    }

    private static String newOwner() {
        return "hooks-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private JobTicket createdJob(String owner, URI callbackUrl) {
        String id = UUID.randomUUID().toString();
        JobTicket job = new JobTicket(id, owner, "owner-" + id + "@example.com", List.of("mp4"), "clip.mov");
        jobs.create(job, callbackUrl);
        jobIds.add(id);
        return job;
    }

    private StoredRendition stored(JobTicket job, String format, String fileName, String content) {
        String prefix = "outputs/" + job.jobId() + "/" + format + "/";
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        s3.putObject(request -> request.bucket(storage.bucket()).key(prefix + fileName), RequestBody.fromBytes(bytes));
        keys.add(prefix + fileName);
        return new StoredRendition(format, RenditionKind.VIDEO, prefix, fileName,
                List.of(new RenditionFile(fileName, bytes.length, "video/" + format)));
    }
}
