package io.transcoder.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.transcoder.api.TestKeys;
import io.transcoder.jobs.JobStore;
import io.transcoder.messages.JobTicket;
import io.transcoder.test.TranscoderTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Who may see what, over real HTTP against the whole api-service. */
@TranscoderTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class AccessControlTests {

    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_~";

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @LocalServerPort
    int port;

    @Autowired
    JobStore jobs;

    @Test
    void refusesEveryApiRequestWithoutAKey() throws Exception {
        String job = alicesJob();
        for (HttpRequest.Builder request : List.of(get("/api/jobs/" + job), get("/api/jobs/" + job + "/events"),
                post("/api/jobs"))) {
            HttpResponse<String> response = send(request);

            assertThat(response.statusCode()).as(request.build().uri().toString()).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"transcoder\"");
            assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
            assertThat(response.body()).contains("\"type\":\"/problems/unauthorized\"");
        }
    }

    @Test
    void refusesAWrongKeyInEitherHeader() throws Exception {
        String job = alicesJob();
        for (HttpRequest.Builder request : List.of(
                get("/api/jobs/" + job).header("Authorization", "Bearer " + TestKeys.ALICE + "x"),
                get("/api/jobs/" + job).header("X-API-Key", "tc_" + UUID.randomUUID()),
                get("/api/jobs/" + job).header("Authorization", "Bearer "),
                get("/api/jobs/" + job).header("Authorization", "Basic YWxpY2U6YWxpY2U="))) {
            HttpResponse<String> response = send(request);

            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                    value -> assertThat(value).startsWith("Bearer realm=\"transcoder\", error=\"invalid_token\""));
        }
    }

    @Test
    void showsAJobToItsOwnerOnly() throws Exception {
        String job = alicesJob();

        assertThat(send(get("/api/jobs/" + job).header("X-API-Key", TestKeys.ALICE)).statusCode()).isEqualTo(200);
        assertThat(send(get("/api/jobs/" + job).header("Authorization", "Bearer " + TestKeys.ALICE)).statusCode())
                .isEqualTo(200);
        HttpResponse<String> asBob = send(get("/api/jobs/" + job).header("X-API-Key", TestKeys.BOB));
        String missing = UUID.randomUUID().toString();
        HttpResponse<String> unknown = send(get("/api/jobs/" + missing).header("X-API-Key", TestKeys.BOB));
        assertThat(asBob.statusCode()).isEqualTo(404);
        assertThat(asBob.body()).as("indistinguishable from a job that does not exist")
                .isEqualTo(unknown.body().replace(missing, job));
        HttpResponse<String> watchedByBob = send(get("/api/jobs/" + job + "/events").header("X-API-Key", TestKeys.BOB));
        assertThat(watchedByBob.statusCode()).isEqualTo(404);
        assertThat(watchedByBob.body()).contains("/problems/job-not-found");
    }

    @Test
    void answersAThousandRandomJobIdsWithNotFound() throws Exception {
        Random random = new Random(42);
        List<String> ids = IntStream.range(0, 1000)
                .mapToObj(i -> i % 2 == 0 ? UUID.randomUUID().toString() : randomId(random))
                .toList();
        Map<Integer, Long> statuses = ids.stream()
                .map(id -> sendQuietly(get("/api/jobs/" + id).header("X-API-Key", TestKeys.BOB)).statusCode())
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));

        assertThat(statuses).containsOnlyKeys(404).containsEntry(404, 1000L);
    }

    @Test
    void servesHealthThePageAndTheCatalogueWithoutAKeyButNoOtherActuatorEndpoint() throws Exception {
        assertThat(send(get("/actuator/health")).statusCode()).isEqualTo(200);
        assertThat(send(get("/actuator/health/readiness")).statusCode()).isEqualTo(200);
        assertThat(send(get("/assets/app.js")).statusCode()).isEqualTo(200);
        assertThat(send(get("/api/formats")).body()).as("the catalogue, as the page shows it").contains("\"mp4\"");
        assertThat(send(get("/actuator/metrics")).statusCode()).isEqualTo(401);
        assertThat(send(get("/actuator/env")).statusCode()).isEqualTo(401);
        assertThat(send(get("/actuator/metrics").header("X-API-Key", TestKeys.ALICE)).statusCode()).isEqualTo(403);
    }

    @Test
    void servesThePageUnderAPolicyThatAllowsOnlyItsOwnScriptsAndNoFraming() throws Exception {
        HttpResponse<String> page = send(get("/"));

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<script src=\"/assets/app.js\"").doesNotContain("<script>")
                .doesNotContain("<style>").doesNotContain(" style=").doesNotContain(" onclick=");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(policy -> assertThat(policy)
                .contains("script-src 'self'", "frame-ancestors 'none'", "default-src 'self'")
                .doesNotContain("unsafe-inline"));
        assertThat(page.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(page.headers().firstValue("X-Frame-Options")).contains("DENY");
    }

    private String alicesJob() {
        JobTicket job = new JobTicket(UUID.randomUUID().toString(), "alice", "a@example.com", List.of("mp4"), "a.mp4");
        jobs.create(job);
        return job.jobId();
    }

    private static String randomId(Random random) {
        return random.ints(1 + random.nextInt(60), 0, ALPHABET.length())
                .mapToObj(i -> String.valueOf(ALPHABET.charAt(i)))
                .collect(Collectors.joining());
    }

    private HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(TIMEOUT).GET();
    }

    private HttpRequest.Builder post(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(TIMEOUT)
                .header("Content-Type", "multipart/form-data; boundary=b")
                .POST(HttpRequest.BodyPublishers.ofString("--b--\r\n"));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> sendQuietly(HttpRequest.Builder request) {
        try {
            return send(request);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
