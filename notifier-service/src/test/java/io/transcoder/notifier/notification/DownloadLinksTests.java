package io.transcoder.notifier.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.transcoder.messages.StoredOutput;
import io.transcoder.storage.DownloadLinks;
import io.transcoder.storage.StorageProperties;
import io.transcoder.test.TranscoderTest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** The links the notifier emails, as a browser without credentials uses them. */
// no listeners: this context stays alive while NotificationListenerTests runs, and must not take its messages
@TranscoderTest(properties = "spring.rabbitmq.listener.simple.auto-startup=false")
class DownloadLinksTests {

    private static final byte[] VIDEO = "not really a video, but bytes all the same".getBytes(StandardCharsets.UTF_8);
    private static final Duration WEEK = Duration.ofDays(7);

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<String> keys = new ArrayList<>();

    @Autowired
    DownloadLinks links;

    @Autowired
    S3Client s3;

    @Autowired
    StorageProperties storage;

    @AfterEach
    void deleteObjects() {
        keys.forEach(key -> s3.deleteObject(request -> request.bucket(storage.bucket()).key(key)));
    }

    @Test
    void downloadsTheOutputWithoutCredentialsUnderItsFileName() throws Exception {
        URI link = links.download(stored("holiday-720p.mp4"), WEEK);

        HttpResponse<byte[]> response =
                http.send(HttpRequest.newBuilder(link).build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(VIDEO);
        assertThat(response.headers().firstValue("Content-Disposition"))
                .hasValue("attachment; filename=\"holiday-720p.mp4\"");
    }

    @Test
    void livesAsLongAsAskedUpToTheSignaturesWeek() {
        URI link = links.download(stored("clip.mp4"), WEEK);

        assertThat(link.getQuery()).contains("X-Amz-Expires=604800");
    }

    @Test
    void cannotBeUsedToOverwriteTheOutput() throws Exception {
        StoredOutput output = stored("clip.mp4");
        URI link = links.download(output, WEEK);

        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(link).PUT(HttpRequest.BodyPublishers.ofString("replaced")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(s3.getObjectAsBytes(request -> request.bucket(storage.bucket()).key(output.key())).asByteArray())
                .isEqualTo(VIDEO);
    }

    @Test
    void cannotBeBentToAnotherObject() throws Exception {
        StoredOutput mine = stored("mine.mp4");
        StoredOutput theirs = stored("theirs.mp4");
        String link = links.download(mine, WEEK).toString();

        String tampered = link.replace(mine.key(), theirs.key());

        assertThat(tampered).isNotEqualTo(link);
        assertThat(status(URI.create(tampered))).isEqualTo(403);
    }

    @Test
    void isRefusedOnceExpired() throws Exception {
        URI link = links.download(stored("clip.mp4"), Duration.ofSeconds(2));
        assertThat(status(link)).isEqualTo(200);

        await().atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> status(link) == 403);
    }

    private StoredOutput stored(String fileName) {
        String key = "outputs/" + UUID.randomUUID() + "/mp4/" + fileName;
        s3.putObject(request -> request.bucket(storage.bucket()).key(key), RequestBody.fromBytes(VIDEO));
        keys.add(key);
        return new StoredOutput("mp4", key, fileName, VIDEO.length);
    }

    private int status(URI link) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(link).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
