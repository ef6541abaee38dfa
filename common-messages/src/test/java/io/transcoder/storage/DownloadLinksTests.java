package io.transcoder.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

import io.transcoder.messages.RenditionFile;
import io.transcoder.messages.RenditionKind;
import io.transcoder.messages.StoredRendition;
import io.transcoder.test.TranscoderTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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

    @Autowired
    LinkProperties linkProperties;

    @Autowired
    ManifestLinks manifests;

    String jobId;
    StoredRendition output;

    @BeforeEach
    void storeAnOutput() {
        jobId = UUID.randomUUID().toString();
        String key = "outputs/" + jobId + "/mp4/holiday.mp4";
        s3.putObject(put -> put.bucket(storage.bucket()).key(key), RequestBody.fromString("the video"));
        output = rendition("outputs/" + jobId + "/mp4/", "holiday.mp4");
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
        assertThat(s3.getObjectAsBytes(get -> get.bucket(storage.bucket()).key(output.key(output.entryFile()))).asUtf8String())
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
        StoredRendition otherJobs = rendition("outputs/" + UUID.randomUUID() + "/mp4/", "holiday.mp4");
        StoredRendition source = rendition("sources/" + jobId + "/", "holiday.mov");
        StoredRendition climbing = rendition("outputs/" + jobId + "/../other/", "holiday.mp4");

        for (StoredRendition foreign : new StoredRendition[] {otherJobs, source, climbing}) {
            assertThatIllegalArgumentException().isThrownBy(() -> links.download(jobId, foreign, Duration.ofMinutes(5)));
        }
    }

    @Test
    void refusesLifetimesBeyondSevenDays() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> links.download(jobId, output, Duration.ofDays(7).plusSeconds(1)));
        assertThat(links.download(jobId, output, Duration.ofDays(7))).isNotNull();
    }

    @Test
    void pointsAtTheRenditionsEntryUnderItsPath() throws Exception {
        String key = "outputs/" + jobId + "/thumbnail/posters/poster.jpg";
        s3.putObject(put -> put.bucket(storage.bucket()).key(key), RequestBody.fromString("the poster"));
        StoredRendition image = new StoredRendition("thumbnail", RenditionKind.IMAGE, "outputs/" + jobId + "/thumbnail/",
                "posters/poster.jpg", List.of(new RenditionFile("posters/poster.jpg", 10, "image/jpeg")));

        HttpResponse<String> response = send(HttpRequest.newBuilder(links.download(jobId, image, Duration.ofMinutes(5))));

        assertThat(response.body()).isEqualTo("the poster");
        assertThat(response.headers().firstValue("Content-Disposition")).contains("attachment; filename=\"poster.jpg\"");
    }

    @Test
    void linksAManifestThroughTheApiServiceSignedForItsPath() {
        StoredRendition stream = new StoredRendition("hls", RenditionKind.STREAM, "outputs/" + jobId + "/hls/",
                "master.m3u8", List.of(new RenditionFile("master.m3u8", 7, "application/vnd.apple.mpegurl"),
                        new RenditionFile("720p/seg_001.m4s", 1000, "video/iso.segment")));

        URI link = links.download(jobId, stream, Duration.ofMinutes(5));

        assertThat(link.toString()).startsWith(linkProperties.publicUrl() + "/api/jobs/" + jobId + "/outputs/hls/master.m3u8?expires=");
        String[] query = link.getRawQuery().split("&");
        long expires = Long.parseLong(query[0].substring("expires=".length()));
        assertThat(manifests.verify(jobId, "hls", "master.m3u8", expires, query[1].substring("signature=".length())))
                .isTrue();
    }

    @Test
    void embedsAFileAsItIsUntilTheManifestExpires() throws Exception {
        String key = "outputs/" + jobId + "/hls/720p/seg_001.m4s";
        s3.putObject(put -> put.bucket(storage.bucket()).key(key), RequestBody.fromString("a segment"));
        RenditionFile segment = new RenditionFile("720p/seg_001.m4s", 9, "video/iso.segment");
        StoredRendition stream = new StoredRendition("hls", RenditionKind.STREAM, "outputs/" + jobId + "/hls/",
                "720p/seg_001.m4s", List.of(segment));

        URI link = links.embedded(jobId, stream, segment, Instant.now().plusSeconds(60));
        HttpResponse<String> response = send(HttpRequest.newBuilder(link));

        assertThat(response.body()).isEqualTo("a segment");
        assertThat(response.headers().firstValue("Content-Disposition")).isEmpty();
        assertThatIllegalArgumentException()
                .isThrownBy(() -> links.embedded(jobId, stream, segment, Instant.now().minusSeconds(1)));
    }

    private static StoredRendition rendition(String prefix, String entry) {
        return new StoredRendition("mp4", RenditionKind.VIDEO, prefix, entry, List.of(new RenditionFile(entry, 9, "video/mp4")));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
