package io.transcoder.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ManifestLinksTests {

    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
    private static final Instant LATER = NOW.plusSeconds(3600);
    private static final String KEY = "a-secret-of-at-least-thirty-two-characters";

    private final ManifestLinks links = links(KEY, NOW);

    @Test
    void linksTheManifestOnTheApiServicesPublicAddress() {
        URI link = links.link("j1", "hls", "720p/index.m3u8", LATER);

        assertThat(link.toString()).startsWith("https://video.example/api/jobs/j1/outputs/hls/720p/index.m3u8?expires="
                + LATER.getEpochSecond() + "&signature=");
    }

    @Test
    void verifiesItsOwnSignatureUntilItExpires() {
        String signature = signature(links.query("j1", "hls", "master.m3u8", LATER));

        assertThat(links.verify("j1", "hls", "master.m3u8", LATER.getEpochSecond(), signature)).isTrue();
        assertThat(links(KEY, LATER).verify("j1", "hls", "master.m3u8", LATER.getEpochSecond(), signature)).isFalse();
    }

    @Test
    void aSignatureOpensNoOtherJobFormatPathOrExpiry() {
        String signature = signature(links.query("j1", "hls", "master.m3u8", LATER));
        long expires = LATER.getEpochSecond();

        assertThat(links.verify("j2", "hls", "master.m3u8", expires, signature)).isFalse();
        assertThat(links.verify("j1", "storyboard", "master.m3u8", expires, signature)).isFalse();
        assertThat(links.verify("j1", "hls", "720p/index.m3u8", expires, signature)).isFalse();
        assertThat(links.verify("j1", "hls", "master.m3u8", expires + 1, signature)).isFalse();
        assertThat(links.verify("j1", "hls", "master.m3u8", expires, signature.substring(1) + "A")).isFalse();
        assertThat(links(KEY + "x", NOW).verify("j1", "hls", "master.m3u8", expires, signature)).isFalse();
    }

    @Test
    void namesNoPathThatWouldNeedEscaping() {
        assertThatIllegalArgumentException().isThrownBy(() -> links.link("j1", "hls", "a b/index.m3u8", LATER));
        assertThatIllegalArgumentException().isThrownBy(() -> links.link("j1", "hls", "index.m3u8?x=1", LATER));
    }

    @Test
    void refusesToSignWithAShortOrMissingKey() {
        assertThatIllegalStateException().isThrownBy(() -> links("too-short", NOW));
        assertThatIllegalStateException().isThrownBy(() -> links(null, NOW));
    }

    private static ManifestLinks links(String key, Instant now) {
        return new ManifestLinks(new LinkProperties(URI.create("https://video.example/"), key),
                Clock.fixed(now, ZoneOffset.UTC));
    }

    private static String signature(String query) {
        return query.substring(query.indexOf("&signature=") + "&signature=".length());
    }
}
