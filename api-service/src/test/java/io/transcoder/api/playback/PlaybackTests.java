package io.transcoder.api.playback;

import static org.assertj.core.api.Assertions.assertThat;

import io.transcoder.api.TestKeys;
import io.transcoder.jobs.JobStore;
import io.transcoder.messages.JobTicket;
import io.transcoder.storage.ManifestLinks;
import io.transcoder.storage.StorageProperties;
import io.transcoder.test.TranscoderTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import software.amazon.awssdk.services.s3.S3Client;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A player's view, over real HTTP against the whole api-service and the real bucket: it holds a link and nothing
 * else (no API key, no storage credentials) and follows the manifests from there.
 */
@TranscoderTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class PlaybackTests {

    private static final Pattern MAP = Pattern.compile("#EXT-X-MAP:URI=\"([^\"]+)\"");
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @LocalServerPort
    int port;

    @Autowired
    JobStore jobs;

    @Autowired
    S3Client s3;

    @Autowired
    StorageProperties storage;

    @Autowired
    ManifestLinks links;

    @Autowired
    JsonMapper json;

    StoredOutputs outputs;

    @BeforeEach
    void storage() {
        outputs = new StoredOutputs(s3, storage.bucket(), jobs);
    }

    @Test
    void playsAStreamFromPrivateStorageWithNothingButItsLink() throws Exception {
        String job = outputs.completedJob();
        URI master = onThisServer(links.link(job, "hls", "master.m3u8", Instant.now().plusSeconds(600)));

        HttpResponse<String> playlist = get(master);

        assertThat(playlist.statusCode()).isEqualTo(200);
        assertThat(playlist.headers().firstValue("Content-Type")).contains("application/vnd.apple.mpegurl");
        assertThat(playlist.headers().firstValue("Access-Control-Allow-Origin")).contains("*");
        assertThat(maxAge(playlist)).isBetween(590L, 600L);
        assertThat(playlist.headers().firstValue("Cache-Control")).hasValueSatisfying(
                cache -> assertThat(cache).contains("private").doesNotContain("no-store"));
        List<String> variants = uriLines(playlist.body());
        assertThat(variants).hasSize(2).allSatisfy(variant -> assertThat(variant)
                .as("relative, so that it works behind any proxy").matches("(720p|360p)/index\\.m3u8\\?expires=.+"));
        List<String> firstSegments = new ArrayList<>();
        for (String variant : variants) {
            String rung = variant.substring(0, variant.indexOf('/'));
            HttpResponse<String> media = get(master.resolve(variant));
            assertThat(media.statusCode()).isEqualTo(200);
            assertThat(media.body()).contains("#EXT-X-TARGETDURATION:6", "#EXT-X-ENDLIST");
            Matcher init = MAP.matcher(media.body());
            assertThat(init.find()).isTrue();
            assertThat(bytes(URI.create(init.group(1)))).isEqualTo(StoredOutputs.media(job, "hls", rung + "/init.mp4"));
            List<String> segments = uriLines(media.body());
            assertThat(segments).hasSize(2);
            for (int i = 0; i < segments.size(); i++) {
                assertThat(bytes(URI.create(segments.get(i))))
                        .isEqualTo(StoredOutputs.media(job, "hls", rung + "/seg_00" + i + ".m4s"));
            }
            firstSegments.add(segments.get(0));
        }
        assertThat(firstSegments.get(0)).as("each rung's seg_000.m4s is its own").isNotEqualTo(firstSegments.get(1));
    }

    @Test
    void givesTheOwnerTheStreamsSignedMasterPlaylistAndEveryFileOfItsPictures() throws Exception {
        String job = outputs.completedJob();

        JsonNode view = json.readTree(send(request(URI.create(base() + "/api/jobs/" + job))
                .header("X-API-Key", TestKeys.ALICE).GET()).body());

        JsonNode hls = output(view, "hls");
        assertThat(URI.create(hls.get("url").asString()).getRawPath())
                .isEqualTo("/api/jobs/" + job + "/outputs/hls/master.m3u8");
        assertThat(hls.get("mediaType").asString()).isEqualTo(StoredOutputs.HLS);
        assertThat(hls.has("files")).isFalse();
        assertThat(get(onThisServer(URI.create(hls.get("url").asString()))).statusCode()).isEqualTo(200);
        JsonNode storyboard = output(view, "storyboard");
        assertThat(storyboard.get("files").valueStream().map(file -> file.get("path").asString()))
                .containsExactlyInAnyOrder("storyboard.vtt", "sprite.jpg");
        JsonNode poster = output(view, "thumbnail").get("files").get(0);
        assertThat(poster.get("path").asString()).isEqualTo("poster.jpg");
        assertThat(poster.get("mediaType").asString()).isEqualTo("image/jpeg");
        assertThat(bytes(URI.create(poster.get("url").asString())))
                .isEqualTo(StoredOutputs.media(job, "thumbnail", "poster.jpg"));
    }

    @Test
    void pointsAStoryboardsCuesAtItsSpriteInStorage() throws Exception {
        String job = outputs.completedJob();

        HttpResponse<String> cues = get(onThisServer(
                links.link(job, "storyboard", "storyboard.vtt", Instant.now().plusSeconds(600))));

        assertThat(cues.statusCode()).isEqualTo(200);
        assertThat(cues.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/vtt").containsIgnoringCase("charset=utf-8"));
        List<String> payloads = cues.body().lines().filter(line -> line.contains("#xywh=")).toList();
        assertThat(payloads).hasSize(2).allSatisfy(payload -> assertThat(payload).startsWith("http"));
        assertThat(payloads.get(1)).endsWith("#xywh=160,0,160,90");
        URI sprite = URI.create(payloads.get(0).substring(0, payloads.get(0).indexOf('#')));
        assertThat(bytes(sprite)).isEqualTo(StoredOutputs.media(job, "storyboard", "sprite.jpg"));
    }

    @Test
    void refusesALinkThatIsNotExactlyOneItSigned() throws Exception {
        String job = outputs.completedJob();
        Instant expires = Instant.now().plusSeconds(600);
        URI master = onThisServer(links.link(job, "hls", "master.m3u8", expires));
        String query = master.getRawQuery();
        String signature = query.substring(query.indexOf("signature=") + "signature=".length());
        String tampered = query.replace(signature, (signature.charAt(0) == 'A' ? "B" : "A") + signature.substring(1));
        String otherJob = outputs.completedJob();

        for (URI refused : List.of(
                URI.create(base() + master.getRawPath() + "?" + tampered),
                URI.create(base() + master.getRawPath()),
                URI.create(base() + master.getRawPath() + "?expires=" + expires.getEpochSecond()),
                URI.create(base() + master.getRawPath() + "?" + query.replace("expires=" + expires.getEpochSecond(),
                        "expires=" + (expires.getEpochSecond() + 60))),
                URI.create(base() + "/api/jobs/" + otherJob + "/outputs/hls/master.m3u8?" + query),
                URI.create(base() + "/api/jobs/" + job + "/outputs/hls/720p/index.m3u8?" + query),
                URI.create(base() + "/api/jobs/" + job + "/outputs/storyboard/master.m3u8?" + query))) {
            HttpResponse<String> response = get(refused);

            assertThat(response.statusCode()).as(refused.toString()).isEqualTo(403);
            assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
            assertThat(response.body()).contains("\"type\":\"/problems/link-invalid\"");
        }
        HttpResponse<String> expired = get(onThisServer(links.link(job, "hls", "master.m3u8",
                Instant.now().minusSeconds(1))));
        assertThat(expired.statusCode()).isEqualTo(403);
        assertThat(expired.body()).contains("\"type\":\"/problems/link-expired\"");
        assertThat(expired.headers().firstValue("Access-Control-Allow-Origin")).as("a player may read why")
                .contains("*");
    }

    @Test
    void servesNothingButTheManifestsOfACompletedJob() throws Exception {
        String job = outputs.completedJob();
        Instant expires = Instant.now().plusSeconds(600);

        assertThat(get(onThisServer(links.link(job, "hls", "720p/seg_000.m4s", expires))))
                .satisfies(segment -> assertThat(segment.statusCode()).isEqualTo(404))
                .satisfies(segment -> assertThat(segment.body()).contains("/problems/output-not-found"));
        assertThat(get(onThisServer(links.link(job, "storyboard", "sprite.jpg", expires))).statusCode())
                .isEqualTo(404);
        assertThat(get(onThisServer(links.link(job, "hls", "480p/index.m3u8", expires))).statusCode())
                .isEqualTo(404);
        assertThat(get(onThisServer(links.link(job, "webm", "master.m3u8", expires))).statusCode()).isEqualTo(404);
        assertThat(get(onThisServer(links.link(UUID.randomUUID().toString(), "hls", "master.m3u8", expires))).body())
                .contains("/problems/job-not-found");
        String unfinished = UUID.randomUUID().toString();
        jobs.create(new JobTicket(unfinished, "alice", "a@example.com", List.of("hls"), "a.mp4"));
        assertThat(get(onThisServer(links.link(unfinished, "hls", "master.m3u8", expires))).body())
                .contains("/problems/output-not-found");
    }

    @Test
    void answersOnlyGetAndHead() throws Exception {
        String job = outputs.completedJob();
        URI master = onThisServer(links.link(job, "hls", "master.m3u8", Instant.now().plusSeconds(600)));

        assertThat(send(request(master).POST(HttpRequest.BodyPublishers.ofString("x"))).statusCode()).isEqualTo(405);
        assertThat(send(request(master).DELETE()).statusCode()).isEqualTo(405);
        assertThat(send(request(master).method("HEAD", HttpRequest.BodyPublishers.noBody())).statusCode())
                .isEqualTo(200);
    }

    @Test
    void neverSignsWhatAStoredPlaylistNamesOutsideItsRendition() throws Exception {
        String other = outputs.completedJob();
        for (String injected : List.of("../../" + other + "/hls/720p/seg_000.m4s", "https://evil.example/x.m4s")) {
            String job = outputs.completedJob(StoredOutputs.variant().replace("seg_001.m4s", injected),
                    StoredOutputs.variant().replace("URI=\"init.mp4\"", "URI=\"" + injected + "\""));

            for (String rung : List.of("720p", "360p")) {
                HttpResponse<String> response = get(onThisServer(links.link(job, "hls", rung + "/index.m3u8",
                        Instant.now().plusSeconds(600))));

                assertThat(response.statusCode()).as(rung + " naming " + injected).isEqualTo(500);
                assertThat(response.body()).contains("/problems/broken-manifest").doesNotContain("X-Amz-Signature")
                        .doesNotContain("evil").doesNotContain(other);
            }
        }
    }

    @Test
    void refusesAManifestLargerThanItReads() throws Exception {
        String padded = StoredOutputs.variant() + "# padding\n".repeat(ManifestStore.MAX_BYTES / 10 + 1);
        String job = outputs.completedJob(padded, StoredOutputs.variant());

        HttpResponse<String> large = get(onThisServer(links.link(job, "hls", "720p/index.m3u8",
                Instant.now().plusSeconds(600))));

        assertThat(large.statusCode()).isEqualTo(500);
        assertThat(large.body()).contains("/problems/broken-manifest");
        assertThat(get(onThisServer(links.link(job, "hls", "360p/index.m3u8", Instant.now().plusSeconds(600))))
                .statusCode()).isEqualTo(200);
    }

    @Test
    void letsAPageOfAnyOriginReadTheManifestsAndTheFilesTheyName() throws Exception {
        String job = outputs.completedJob();
        URI master = onThisServer(links.link(job, "hls", "master.m3u8", Instant.now().plusSeconds(600)));
        String origin = "https://player.example";

        HttpResponse<String> preflight = send(request(master).header("Origin", origin)
                .header("Access-Control-Request-Method", "GET")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
        assertThat(preflight.statusCode()).isEqualTo(200);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).contains("*");
        HttpResponse<String> playlist = send(request(master).header("Origin", origin).GET());
        assertThat(playlist.headers().allValues("Access-Control-Allow-Origin")).containsExactly("*");
        String variant = uriLines(playlist.body()).get(0);
        URI segment = URI.create(uriLines(get(master.resolve(variant)).body()).get(0));

        HttpResponse<String> segmentPreflight = send(HttpRequest.newBuilder(segment).timeout(TIMEOUT)
                .header("Origin", origin)
                .header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "range")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
        // s3proxy answers 200 and '*'; MinIO (TRANSCODER_TEST_CONTAINERS=true) 204 and the origin itself
        assertThat(segmentPreflight.statusCode()).isBetween(200, 204);
        assertThat(segmentPreflight.headers().firstValue("Access-Control-Allow-Origin")).hasValueSatisfying(
                allowed -> assertThat(allowed).isIn("*", origin));
        assertThat(segmentPreflight.headers().firstValue("Access-Control-Allow-Methods")).hasValueSatisfying(
                methods -> assertThat(methods).contains("GET"));
        HttpResponse<String> ranged = send(HttpRequest.newBuilder(segment).timeout(TIMEOUT)
                .header("Origin", origin).header("Range", "bytes=0-4").GET());
        assertThat(ranged.statusCode()).isEqualTo(206);
        assertThat(ranged.body()).isEqualTo("media");
        assertThat(ranged.headers().firstValue("Access-Control-Allow-Origin")).hasValueSatisfying(
                allowed -> assertThat(allowed).isIn("*", origin));
        assertThat(ranged.headers().firstValue("Access-Control-Expose-Headers")).hasValueSatisfying(
                exposed -> assertThat(exposed).contains("Content-Range", "Content-Length", "ETag"));
    }

    private JsonNode output(JsonNode view, String format) {
        return view.get("outputs").valueStream().filter(output -> output.get("format").asString().equals(format))
                .findFirst().orElseThrow();
    }

    private static List<String> uriLines(String playlist) {
        return playlist.lines().filter(line -> !line.isBlank() && !line.startsWith("#")).toList();
    }

    private static long maxAge(HttpResponse<?> response) {
        String cache = response.headers().firstValue("Cache-Control").orElseThrow();
        Matcher maxAge = Pattern.compile("max-age=(\\d+)").matcher(cache);
        assertThat(maxAge.find()).as(cache).isTrue();
        return Long.parseLong(maxAge.group(1));
    }

    /** The link on this test's server: the links name the configured public address, which no test listens on. */
    private URI onThisServer(URI link) {
        return URI.create(base() + link.getRawPath() + "?" + link.getRawQuery());
    }

    private String base() {
        return "http://127.0.0.1:" + port;
    }

    private HttpRequest.Builder request(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(TIMEOUT);
    }

    private HttpResponse<String> get(URI uri) throws Exception {
        return send(request(uri).GET());
    }

    private byte[] bytes(URI uri) throws Exception {
        HttpResponse<byte[]> response = http.send(request(uri).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).as(uri.toString()).isEqualTo(200);
        return response.body();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
