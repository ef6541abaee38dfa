package io.transcoder.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.transcoder.jobs.JobStore;
import io.transcoder.messages.JobTicket;
import io.transcoder.test.TranscoderTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/** {@code api.auth=none}: no keys, every job the local owner's, and a warning in the log. */
@ExtendWith(OutputCaptureExtension.class)
@TranscoderTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "api.auth=none")
class NoAuthTests {

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    JobStore jobs;

    @Test
    void servesEveryoneAsTheLocalOwnerAndSaysSoLoudly(CapturedOutput output) throws Exception {
        JobTicket local = ticket("local");
        JobTicket alices = ticket("alice");

        assertThat(get("/api/jobs/" + local.jobId()).statusCode()).isEqualTo(200);
        assertThat(get("/api/jobs/" + alices.jobId()).statusCode()).as("still only the local owner's").isEqualTo(404);
        assertThat(get("/actuator/metrics").statusCode()).as("not served on the API's port").isEqualTo(401);
        assertThat(output.getAll()).contains("API KEYS ARE OFF (api.auth=none)");
    }

    private JobTicket ticket(String owner) {
        JobTicket job = new JobTicket(UUID.randomUUID().toString(), owner, "a@example.com", List.of("mp4"), "a.mp4");
        jobs.create(job);
        return job;
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
