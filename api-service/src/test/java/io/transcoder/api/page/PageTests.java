package io.transcoder.api.page;

import static org.assertj.core.api.Assertions.assertThat;

import io.transcoder.storage.StorageProperties;
import io.transcoder.test.TranscoderTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** The page as a browser gets it from the whole api-service: without a key, with its player, under its policy. */
@TranscoderTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class PageTests {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @LocalServerPort
    int port;

    @Autowired
    S3Presigner presigner;

    @Autowired
    StorageProperties storage;

    @Test
    void servesThePageAndEveryAssetWithoutAKey() throws Exception {
        Map<String, String> types = Map.of(
                "/", "text/html",
                "/?job=3f0c6c8e-2f1e-4a47-9d39-7a5f5a0f0b0e", "text/html",
                "/assets/app.css", "text/css",
                "/assets/icon.svg", "image/svg+xml");
        for (var entry : types.entrySet()) {
            HttpResponse<String> response = get(entry.getKey());

            assertThat(response.statusCode()).as(entry.getKey()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).as(entry.getKey())
                    .hasValueSatisfying(type -> assertThat(type).startsWith(entry.getValue()));
        }
        for (String module : PageSourcesTests.modules()) {
            HttpResponse<String> response = get("/assets/" + module);

            assertThat(response.statusCode()).as(module).isEqualTo(200);
            // a browser runs a module only when it is served as JavaScript
            assertThat(response.headers().firstValue("Content-Type")).as(module)
                    .hasValueSatisfying(type -> assertThat(type).contains("javascript"));
        }
    }

    @Test
    void servesTheBundledHlsPlayerAsJavaScriptWithItsLicence() throws Exception {
        HttpResponse<String> player = get("/vendor/hls/hls.min.js");
        HttpResponse<String> licence = get("/vendor/hls/LICENSE");

        assertThat(player.statusCode()).isEqualTo(200);
        assertThat(player.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).contains("javascript"));
        assertThat(player.body()).hasSizeGreaterThan(100_000).contains("isSupported", "loadSource", "attachMedia");
        assertThat(licence.statusCode()).isEqualTo(200);
        assertThat(licence.body()).contains("Apache License");
        assertThat(get("/").body()).as("the page loads it itself, from here").doesNotContain("hls.min.js");
        assertThat(PageSourcesTests.read("assets/player.js")).contains("'/vendor/hls/hls.min.js'");
    }

    @Test
    void servesThePageUnderAPolicyThatAllowsStorageForResultsAndNoInlineScript() throws Exception {
        HttpResponse<String> page = get("/");
        String storageOrigin = originOfALink();

        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(header -> {
            Map<String, List<String>> policy = PagePolicyTests.directives(header);
            assertThat(policy.get("script-src")).containsExactly("'self'");
            assertThat(policy.get("default-src")).containsExactly("'self'");
            assertThat(policy.get("media-src")).contains(storageOrigin, "blob:");
            assertThat(policy.get("img-src")).contains(storageOrigin);
            assertThat(policy.get("connect-src")).contains(storageOrigin);
            assertThat(header).doesNotContain("unsafe-inline", "unsafe-eval");
        });
    }

    /** Where the links in a job's answer point: a presigned GET, as DownloadLinks makes them. */
    private String originOfALink() {
        URI link = URI.create(presigner.presignGetObject(request -> request.signatureDuration(Duration.ofMinutes(1))
                .getObjectRequest(object -> object.bucket(storage.bucket()).key("outputs/x/mp4/video.mp4")))
                .url().toString());
        return link.getScheme() + "://" + link.getAuthority();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
