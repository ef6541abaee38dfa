package io.transcoder.storage;

import static org.assertj.core.api.Assertions.assertThat;
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

    StoredOutput output;

    @BeforeEach
    void storeAnOutput() {
        String key = "outputs/" + UUID.randomUUID() + "/mp4/holiday.mp4";
        s3.putObject(put -> put.bucket(storage.bucket()).key(key), RequestBody.fromString("the video"));
        output = new StoredOutput("mp4", key, "holiday.mp4", 9);
    }

    @Test
    void downloadsInABrowserWithoutCredentialsUnderTheFilesName() throws Exception {
        URI link = links.download(output, Duration.ofMinutes(5));

        HttpResponse<String> response = send(HttpRequest.newBuilder(link).GET());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("the video");
        assertThat(response.headers().firstValue("Content-Disposition"))
                .contains("attachment; filename=\"holiday.mp4\"");
    }

    @Test
    void allowsNothingButGettingThatOneObject() throws Exception {
        URI link = links.download(output, Duration.ofMinutes(5));

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
        URI link = links.download(output, Duration.ofSeconds(1));

        await().atMost(Duration.ofSeconds(10))
                .until(() -> send(HttpRequest.newBuilder(link).GET()).statusCode() == 403);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
