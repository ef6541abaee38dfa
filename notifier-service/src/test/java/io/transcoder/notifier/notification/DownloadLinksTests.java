package io.transcoder.notifier.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.transcoder.messages.StoredOutput;
import io.transcoder.storage.StorageProperties;
import io.transcoder.test.TranscoderTest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

// no listeners: this context stays cached while NotificationListenerTests runs, and must not take its messages
@TranscoderTest(properties = "spring.rabbitmq.listener.simple.auto-startup=false")
class DownloadLinksTests {

    private static final byte[] VIDEO = "not really a video, but bytes all the same".getBytes(StandardCharsets.UTF_8);

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<String> keys = new ArrayList<>();

    @Autowired
    DownloadLinks links;

    @Autowired
    S3Client s3;

    @Autowired
    S3Presigner presigner;

    @Autowired
    StorageProperties storage;

    @AfterEach
    void deleteObjects() {
        keys.forEach(key -> s3.deleteObject(request -> request.bucket(storage.bucket()).key(key)));
    }

    @Test
    void downloadsTheOutputWithoutCredentialsUnderItsFileName() throws Exception {
        StoredOutput output = stored("holiday-720p.mp4");

        DownloadLink link = links.linkTo(output);

        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(link.url())).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(VIDEO);
        assertThat(response.headers().firstValue("Content-Disposition"))
                .hasValue("attachment; filename=\"holiday-720p.mp4\"");
    }

    @Test
    void expiresAfterTheConfiguredWeek() {
        Instant before = Instant.now();

        DownloadLink link = links.linkTo(stored("clip.mp4"));

        assertThat(link.url()).contains("X-Amz-Expires=604800");
        assertThat(link.expiresAt()).isBetween(before.plus(Duration.ofDays(7)), Instant.now().plus(Duration.ofDays(7)));
    }

    @Test
    void cannotBeUsedToOverwriteTheOutput() throws Exception {
        DownloadLink link = links.linkTo(stored("clip.mp4"));

        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(link.url()))
                .PUT(HttpRequest.BodyPublishers.ofString("replaced")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(s3.getObjectAsBytes(request -> request.bucket(storage.bucket()).key(link.output().key())).asByteArray())
                .isEqualTo(VIDEO);
    }

    @Test
    void cannotBeBentToAnotherObject() throws Exception {
        StoredOutput mine = stored("mine.mp4");
        StoredOutput theirs = stored("theirs.mp4");
        String link = links.linkTo(mine).url();

        String tampered = link.replace(mine.key(), theirs.key());

        assertThat(tampered).isNotEqualTo(link);
        assertThat(status(tampered)).isEqualTo(403);
    }

    @Test
    void isRefusedOnceExpired() throws Exception {
        DownloadLinks shortLived = new DownloadLinks(presigner, storage.bucket(), Duration.ofSeconds(2));
        DownloadLink link = shortLived.linkTo(stored("clip.mp4"));
        assertThat(status(link.url())).isEqualTo(200);

        await().atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> status(link.url()) == 403);
        assertThat(Instant.now()).isAfter(link.expiresAt());
    }

    private StoredOutput stored(String fileName) {
        String key = "outputs/" + UUID.randomUUID() + "/mp4/" + fileName;
        s3.putObject(request -> request.bucket(storage.bucket()).key(key), RequestBody.fromBytes(VIDEO));
        keys.add(key);
        return new StoredOutput("mp4", key, fileName, VIDEO.length);
    }

    private int status(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }
}
