package io.transcoder.api.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import io.transcoder.api.TestKeys;
import io.transcoder.api.upload.ApiClient;
import io.transcoder.jobs.JobIds;
import io.transcoder.jobs.JobStore;
import io.transcoder.messages.JobTicket;
import io.transcoder.test.TestInfrastructure;
import io.transcoder.test.TranscoderTest;
import io.transcoder.webhooks.Delivery;
import io.transcoder.webhooks.Delivery.Outcome;
import io.transcoder.webhooks.DeliveryLog;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@TranscoderTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class WebhookEndpointTests {

    private static final URI URL = URI.create("https://hooks.example.com/transcoder");

    @LocalServerPort
    int port;

    @Autowired
    JobStore jobs;

    @Autowired
    DeliveryLog deliveries;

    @Autowired
    JsonMapper json;

    @Test
    void listsAJobsDeliveriesOldestFirst() {
        String id = createdJob("alice");
        String eventId = id + ":1:job.completed";
        Instant first = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        deliveries.record(id, new Delivery("job.completed", eventId, URL, 1, first, 500,
                "The receiver answered 500.", Outcome.RETRYING));
        deliveries.record(id, new Delivery("job.completed", eventId, URL, 2, first.plusSeconds(5), null,
                "No answer within 10 s.", Outcome.RETRYING));
        deliveries.record(id, new Delivery("job.completed", eventId, URL, 3, first.plusSeconds(35), 204, null,
                Outcome.DELIVERED));

        ApiClient.Answer answer = new ApiClient(port, json, TestKeys.ALICE).get("/api/jobs/" + id + "/deliveries");

        assertThat(answer.status()).isEqualTo(HttpStatus.OK);
        JsonNode list = answer.body().get("deliveries");
        assertThat(list).hasSize(3);
        JsonNode oldest = list.get(0);
        assertThat(oldest.get("event").asString()).isEqualTo("job.completed");
        assertThat(oldest.get("eventId").asString()).isEqualTo(eventId);
        assertThat(oldest.get("url").asString()).isEqualTo(URL.toString());
        assertThat(oldest.get("attempt").asInt()).isEqualTo(1);
        assertThat(Instant.parse(oldest.get("at").asString())).isEqualTo(first);
        assertThat(oldest.get("statusCode").asInt()).isEqualTo(500);
        assertThat(oldest.get("error").asString()).isEqualTo("The receiver answered 500.");
        assertThat(oldest.get("outcome").asString()).isEqualTo("RETRYING");
        assertThat(list.get(1).get("statusCode").isNull()).as("no answer: null, not left out").isTrue();
        assertThat(list.get(2).get("error").isNull()).isTrue();
        assertThat(list.get(2).get("outcome").asString()).isEqualTo("DELIVERED");
    }

    @Test
    void listsNoDeliveriesOfAJobWithoutAny() {
        String id = createdJob("alice");

        ApiClient.Answer answer = new ApiClient(port, json, TestKeys.ALICE).get("/api/jobs/" + id + "/deliveries");

        assertThat(answer.status()).isEqualTo(HttpStatus.OK);
        assertThat(answer.body().get("deliveries")).isEmpty();
    }

    @Test
    void hidesTheDeliveriesOfAnotherOwnersJobAsIfItDidNotExist() {
        String id = createdJob("alice");
        deliveries.record(id, new Delivery("job.failed", id + ":1:job.failed", URL, 1, Instant.now(), 204, null,
                Outcome.DELIVERED));
        ApiClient bob = new ApiClient(port, json, TestKeys.BOB);

        ApiClient.Answer foreign = bob.get("/api/jobs/" + id + "/deliveries");
        ApiClient.Answer unknown = bob.get("/api/jobs/" + JobIds.next() + "/deliveries");

        assertThat(foreign.status()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(foreign.body().get("type").asString()).isEqualTo("/problems/job-not-found");
        assertThat(foreign.body().toString()).doesNotContain("hooks.example.com");
        assertThat(unknown.status()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(unknown.body().get("detail")).isEqualTo(foreign.body().get("detail"));
    }

    @Test
    void showsEachOwnerTheSecretDerivedFromTheSigningKey() throws Exception {
        ApiClient.Answer alices = new ApiClient(port, json, TestKeys.ALICE).get("/api/webhook-secret");
        ApiClient.Answer bobs = new ApiClient(port, json, TestKeys.BOB).get("/api/webhook-secret");

        assertThat(alices.status()).isEqualTo(HttpStatus.OK);
        String signingKey = TestInfrastructure.properties().get("transcoder.links.signing-key");
        assertThat(alices.body().get("secret").asString()).isEqualTo("whsec_" + hmacHex(signingKey, "webhook-secret:alice"));
        assertThat(bobs.body().get("secret").asString()).isEqualTo("whsec_" + hmacHex(signingKey, "webhook-secret:bob"));
        assertThat(new ApiClient(port, json, "not-a-key").get("/api/webhook-secret").status())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    private String createdJob(String owner) {
        String id = JobIds.next();
        jobs.create(new JobTicket(id, owner, "someone@example.com", List.of("mp4"), "clip.mp4"), URL);
        return id;
    }

    private static String hmacHex(String key, String text) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    }
}
