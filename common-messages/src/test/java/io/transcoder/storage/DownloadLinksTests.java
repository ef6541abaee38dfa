package io.transcoder.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

import io.transcoder.messages.StoredOutput;
import io.transcoder.test.TranscoderTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

@TranscoderTest
class DownloadLinksTests {

    private final HttpClient http = HttpClient.newHttpClient();

    @Autowired
    DownloadLinks links;

    @Autowired
    S3Client s3;

    @Autowired
    StorageProperties storage;

    String jobId;
    StoredOutput output;

    @BeforeEach
    void storeAnOutput() {
        jobId = UUID.randomUUID().toString();
        String key = "outputs/" + jobId + "/mp4/holiday.mp4";
        s3.putObject(put -> put.bucket(storage.bucket()).key(key), RequestBody.fromString("the video"));
        output = new StoredOutput("mp4", key, "holiday.mp4", 9);
    }

    @Test
    void downloadsInABrowserWithoutCredentialsUnderTheFilesName() throws Exception {
        URI link = links.download(jobId, output, Duration.ofMinutes(5));

        HttpResponse<String> response = send(HttpRequest.newBuilder(link).GET());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("the video");
        assertThat(response.headers().firstValue("Content-Disposition"))
                .contains("attachment; filename=\"holiday.mp4\"");
    }

    @Test
    void allowsNothingButGettingThatOneObject() throws Exception {
        URI link = links.download(jobId, output, Duration.ofMinutes(5));

        assertThat(send(HttpRequest.newBuilder(link).PUT(HttpRequest.BodyPublishers.ofString("evil"))).statusCode())
                .isEqualTo(403);
        assertThat(send(HttpRequest.newBuilder(link).DELETE()).statusCode()).isEqualTo(403);
        URI otherKey = URI.create(link.toString().replace("holiday.mp4?", "other.mp4?"));
        assertThat(send(HttpRequest.newBuilder(otherKey).GET()).statusCode()).isEqualTo(403);
        assertThat(s3.getObjectAsBytes(get -> get.bucket(storage.bucket()).key(output.key())).asUtf8String())
                .isEqualTo("the video");
    }

    @Test
    void expires() {
        URI link = links.download(jobId, output, Duration.ofSeconds(1));

        await().atMost(Duration.ofSeconds(10))
                .until(() -> send(HttpRequest.newBuilder(link).GET()).statusCode() == 403);
    }

    @Test
    void signsNothingOutsideTheJobsOwnOutputs() {
        StoredOutput otherJobs = new StoredOutput("mp4", "outputs/" + UUID.randomUUID() + "/mp4/holiday.mp4",
                "holiday.mp4", 9);
        StoredOutput source = new StoredOutput("mp4", "sources/" + jobId + "/holiday.mov", "holiday.mov", 9);
        StoredOutput climbing = new StoredOutput("mp4", "outputs/" + jobId + "/../other/holiday.mp4", "holiday.mp4", 9);

        for (StoredOutput foreign : new StoredOutput[] {otherJobs, source, climbing}) {
            assertThatIllegalArgumentException().isThrownBy(() -> links.download(jobId, foreign, Duration.ofMinutes(5)));
        }
    }

    @Test
    void refusesLifetimesBeyondSevenDays() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> links.download(jobId, output, Duration.ofDays(7).plusSeconds(1)));
        assertThat(links.download(jobId, output, Duration.ofDays(7))).isNotNull();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
