package io.transcoder.api.upload;

import static org.assertj.core.api.Assertions.assertThat;

import io.transcoder.api.TestKeys;
import io.transcoder.jobs.JobStore;
import io.transcoder.storage.StorageProperties;
import io.transcoder.test.TranscoderTest;
import java.net.URI;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.client.MultipartBodyBuilder;
import software.amazon.awssdk.services.s3.S3Client;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

// the tests allow callbacks to 127.0.0.1 and ::1 (TestInfrastructure), where their receivers listen; bob has a
// default callback URL, and erin (a key of her own, "erin-test-key") a default that may not be called
@TranscoderTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
    "api.webhooks.default-urls.bob=http://127.0.0.1:9/hooks/bob",
    "api.keys.erin=6b01e2e19fdebbb6b0dce1a0dead3c2e8152c3db3b086fa7598524e37896ca96",
    "api.webhooks.default-urls.erin=http://192.168.10.10/hooks/erin"})
class CallbackUrlSubmissionTests {

    @LocalServerPort
    int port;

    @Autowired
    JobStore jobs;

    @Autowired
    S3Client s3;

    @Autowired
    StorageProperties storage;

    @Autowired
    JsonMapper json;

    Set<String> sourcesBefore;

    @BeforeEach
    void noteTheSources() {
        sourcesBefore = Uploads.storedSources(s3, storage.bucket());
    }

    @Test
    void keepsTheCallbackUrlOfASubmissionAndShowsItWithTheJob() {
        ApiClient alice = new ApiClient(port, json, TestKeys.ALICE);

        ApiClient.Answer answer = alice.submit(form("http://127.0.0.1:8099/hooks/transcoder?token=abc"));

        assertThat(answer.status()).isEqualTo(HttpStatus.ACCEPTED);
        String id = answer.body().get("id").asString();
        assertThat(answer.body().get("callbackUrl").asString()).isEqualTo("http://127.0.0.1:8099/hooks/transcoder?token=abc");
        assertThat(jobs.find(id).orElseThrow().callbackUrl())
                .isEqualTo(URI.create("http://127.0.0.1:8099/hooks/transcoder?token=abc"));
        assertThat(alice.get("/api/jobs/" + id).body().get("callbackUrl").asString())
                .isEqualTo("http://127.0.0.1:8099/hooks/transcoder?token=abc");
    }

    @Test
    void givesAJobWithoutOneItsOwnersDefaultOrNone() {
        ApiClient.Answer bobs = new ApiClient(port, json, TestKeys.BOB).submit(form(null));
        ApiClient.Answer alices = new ApiClient(port, json, TestKeys.ALICE).submit(form(" "));

        assertThat(bobs.status()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(bobs.body().get("callbackUrl").asString()).isEqualTo("http://127.0.0.1:9/hooks/bob");
        assertThat(jobs.find(bobs.body().get("id").asString()).orElseThrow().callbackUrl())
                .isEqualTo(URI.create("http://127.0.0.1:9/hooks/bob"));
        assertThat(alices.status()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(alices.body().has("callbackUrl")).as("shown, as null").isTrue();
        assertThat(alices.body().get("callbackUrl").isNull()).isTrue();
        assertThat(jobs.find(alices.body().get("id").asString()).orElseThrow().callbackUrl()).isNull();
    }

    @Test
    void prefersTheSubmissionsOwnUrlToTheDefault() {
        ApiClient.Answer answer = new ApiClient(port, json, TestKeys.BOB).submit(form("http://[::1]:8099/mine"));

        assertThat(answer.status()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(answer.body().get("callbackUrl").asString()).isEqualTo("http://[::1]:8099/mine");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            http://10.0.0.1/hooks                        | it is a private address; callbacks may not reach the service's own network.
            http://169.254.169.254/latest/meta-data/     | it is a link-local address
            http://172.20.0.5:8080/                      | it is a private address
            http://[fd00::1]/                            | it is a private (unique local) address
            http://[fe80::1]/                            | it is a link-local address
            http://100.100.100.100/                      | it is a shared (carrier-grade NAT) address
            ftp://127.0.0.1/hooks                        | only http and https URLs are allowed, not ftp.
            https://user:secret@127.0.0.1/hooks          | it must not carry a user name or password
            not a url                                    | it is not a valid URL
            /hooks/transcoder                            | it must be an absolute http or https URL
            http://nowhere.invalid/hooks                 | its host nowhere.invalid does not resolve to an address.
            """)
    void refusesACallbackUrlTheServiceMayNotCallAndKeepsNothing(String url, String reason) {
        ApiClient.Answer answer = new ApiClient(port, json, TestKeys.ALICE).submit(form(url));

        JsonNode problem = assertRefused(answer);
        assertThat(problem.get("detail").asString())
                .startsWith("The part 'callbackUrl' must hold an http or https URL the service may call: ")
                .contains(reason);
    }

    @Test
    void refusesASubmissionWhoseOwnersDefaultMayNotBeCalled() {
        ApiClient erin = new ApiClient(port, json, "erin-test-key");

        JsonNode problem = assertRefused(erin.submit(form(null)));

        assertThat(problem.get("detail").asString()).contains("none was given, and the default one configured for "
                + "you (http://192.168.10.10/hooks/erin) is refused: it is a private address");
        assertThat(erin.submit(form("http://127.0.0.1:8099/erin")).status()).as("with a URL of her own")
                .isEqualTo(HttpStatus.ACCEPTED);
    }

    private JsonNode assertRefused(ApiClient.Answer answer) {
        assertThat(answer.status()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(answer.contentType()).isEqualTo("application/problem+json");
        assertThat(answer.body().get("type").asString()).isEqualTo("/problems/invalid-callback-url");
        assertThat(answer.body().get("title").asString()).isEqualTo("Invalid callback URL");
        assertThat(Uploads.storedSources(s3, storage.bucket())).as("no source may be left behind").isEqualTo(sourcesBefore);
        return answer.body();
    }

    private static MultipartBodyBuilder form(String callbackUrl) {
        MultipartBodyBuilder form = Uploads.fields("mp4", "someone@example.com");
        if (callbackUrl != null) {
            form.part("callbackUrl", callbackUrl);
        }
        form.part("file", Uploads.file(Uploads.bytes(1000), "clip.mp4"));
        return form;
    }
}
