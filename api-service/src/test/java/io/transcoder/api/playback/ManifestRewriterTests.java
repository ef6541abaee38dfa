package io.transcoder.api.playback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.transcoder.api.problems.ApiException;
import io.transcoder.messages.RenditionFile;
import io.transcoder.messages.RenditionKind;
import io.transcoder.messages.StoredRendition;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ManifestRewriterTests {

    private static final String HLS = "application/vnd.apple.mpegurl";

    private static final StoredRendition STREAM = new StoredRendition("hls", RenditionKind.STREAM, "outputs/j/hls/",
            "master.m3u8", List.of(
                    new RenditionFile("master.m3u8", 200, HLS),
                    new RenditionFile("720p/index.m3u8", 300, HLS),
                    new RenditionFile("720p/init.mp4", 800, "video/mp4"),
                    new RenditionFile("720p/seg_000.m4s", 9000, "video/iso.segment"),
                    new RenditionFile("360p/index.m3u8", 300, HLS),
                    new RenditionFile("360p/seg_000.m4s", 4000, "video/iso.segment"),
                    new RenditionFile("iframes.m3u8", 100, HLS)));

    private static final StoredRendition STORYBOARD = new StoredRendition("storyboard", RenditionKind.IMAGE,
            "outputs/j/storyboard/", "storyboard.vtt", List.of(
                    new RenditionFile("storyboard.vtt", 200, "text/vtt"),
                    new RenditionFile("sprite.jpg", 50_000, "image/jpeg")));

    /** Marks what it signs, so a test sees which path each link was made for. */
    private static final Signer SIGNER = new Signer() {
        @Override
        public String manifestQuery(String path) {
            return "signed=" + path;
        }

        @Override
        public URI file(RenditionFile file) {
            return URI.create("https://storage.test/" + file.path() + "?presigned");
        }
    };

    @Test
    void signsTheVariantsOfAMasterPlaylistRelativelyAndItsOtherReferencesAbsolutely() {
        String master = """
                #EXTM3U
                #EXT-X-VERSION:7
                #EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="a",NAME="main",URI="360p/index.m3u8"
                #EXT-X-I-FRAME-STREAM-INF:BANDWIDTH=100000,URI="iframes.m3u8"
                #EXT-X-STREAM-INF:BANDWIDTH=3000000,RESOLUTION=1280x720,CODECS="avc1.64001f,mp4a.40.2"
                720p/index.m3u8

                #EXT-X-STREAM-INF:BANDWIDTH=900000,RESOLUTION=640x360
                360p/index.m3u8
                """;

        assertThat(rewrite(master, STREAM, "master.m3u8")).isEqualTo("""
                #EXTM3U
                #EXT-X-VERSION:7
                #EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="a",NAME="main",URI="360p/index.m3u8?signed=360p/index.m3u8"
                #EXT-X-I-FRAME-STREAM-INF:BANDWIDTH=100000,URI="iframes.m3u8?signed=iframes.m3u8"
                #EXT-X-STREAM-INF:BANDWIDTH=3000000,RESOLUTION=1280x720,CODECS="avc1.64001f,mp4a.40.2"
                720p/index.m3u8?signed=720p/index.m3u8

                #EXT-X-STREAM-INF:BANDWIDTH=900000,RESOLUTION=640x360
                360p/index.m3u8?signed=360p/index.m3u8
                """);
    }

    @Test
    void resolvesAVariantsInitSegmentAndSegmentsAgainstItsOwnFolder() {
        String variant = """
                #EXTM3U
                #EXT-X-TARGETDURATION:6
                #EXT-X-MAP:URI="init.mp4"
                # a comment naming init.mp4 stays as it is
                #EXTINF:6.000,
                seg_000.m4s
                #EXT-X-ENDLIST
                """;

        assertThat(rewrite(variant, STREAM, "720p/index.m3u8")).isEqualTo("""
                #EXTM3U
                #EXT-X-TARGETDURATION:6
                #EXT-X-MAP:URI="https://storage.test/720p/init.mp4?presigned"
                # a comment naming init.mp4 stays as it is
                #EXTINF:6.000,
                https://storage.test/720p/seg_000.m4s?presigned
                #EXT-X-ENDLIST
                """);
        assertThat(rewrite("#EXTM3U\r\n#EXTINF:6,\r\n  seg_000.m4s  \r\n", STREAM, "360p/index.m3u8"))
                .as("CRLF and blanks around a URI line").isEqualTo("""
                        #EXTM3U
                        #EXTINF:6,
                        https://storage.test/360p/seg_000.m4s?presigned
                        """);
    }

    @Test
    void keepsAManifestReferenceAsWrittenWhenItClimbsBackIntoTheRendition() {
        assertThat(rewrite("#EXTM3U\n../360p/index.m3u8\n", STREAM, "720p/index.m3u8"))
                .isEqualTo("#EXTM3U\n../360p/index.m3u8?signed=360p/index.m3u8\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"../../other-job/hls/720p/seg_000.m4s", "../../master.m3u8", "https://evil.example/x.m4s",
            "//evil.example/x.m4s", "/outputs/j/hls/720p/seg_000.m4s", "seg_001.m4s", "seg_000.m4s?x=1",
            "seg_000.m4s#t", "720p//seg_000.m4s", "..\\360p\\seg_000.m4s", "data:video/mp4;base64,AAAA",
            "720p/seg_000.m4s"})
    void refusesAPlaylistNamingAnythingButAFileOfItsRendition(String reference) {
        for (String playlist : List.of("#EXTM3U\n#EXTINF:6,\n" + reference + "\n",
                "#EXTM3U\n#EXT-X-MAP:URI=\"" + reference + "\"\n")) {
            assertThatExceptionOfType(ApiException.class)
                    .isThrownBy(() -> rewrite(playlist, STREAM, "720p/index.m3u8"))
                    .satisfies(e -> assertThat(e.getBody().getType()).hasToString("/problems/broken-manifest"));
        }
    }

    @Test
    void pointsAStoryboardsCuesAtTheSpriteKeepingTheirFragments() {
        String cues = """
                WEBVTT

                NOTE tiles of sprite.jpg, 160 px wide

                1
                00:00:00.000 --> 00:00:02.000
                sprite.jpg#xywh=0,0,160,90

                00:00:02.000 --> 00:00:04.000
                sprite.jpg#xywh=160,0,160,90
                """;

        assertThat(rewrite(cues, STORYBOARD, "storyboard.vtt")).isEqualTo("""
                WEBVTT

                NOTE tiles of sprite.jpg, 160 px wide

                1
                00:00:00.000 --> 00:00:02.000
                https://storage.test/sprite.jpg?presigned#xywh=0,0,160,90

                00:00:02.000 --> 00:00:04.000
                https://storage.test/sprite.jpg?presigned#xywh=160,0,160,90
                """);
    }

    @Test
    void leavesCuesOfTextAsTheyAre() {
        String cues = "WEBVTT\n\n00:00:00.000 --> 00:00:02.000\nHello there\nYes\n";

        assertThat(rewrite(cues, STORYBOARD, "storyboard.vtt")).isEqualTo(cues);
    }

    @ParameterizedTest
    @ValueSource(strings = {"../../other-job/storyboard/sprite.jpg#xywh=0,0,1,1",
            "https://evil.example/a.jpg#xywh=0,0,1,1", "other.jpg#xywh=0,0,1,1", "storyboard.vtt#xywh=0,0,1,1",
            "/sprite.jpg"})
    void refusesAStoryboardNamingAnythingButAnImageOfItsRendition(String reference) {
        String cues = "WEBVTT\n\n00:00:00.000 --> 00:00:02.000\n" + reference + "\n";

        assertThatExceptionOfType(ApiException.class)
                .isThrownBy(() -> rewrite(cues, STORYBOARD, "storyboard.vtt"))
                .satisfies(e -> assertThat(e.getBody().getType()).hasToString("/problems/broken-manifest"));
    }

    private static String rewrite(String text, StoredRendition rendition, String path) {
        RenditionFile manifest = rendition.files().stream().filter(file -> file.path().equals(path)).findFirst()
                .orElseThrow();
        return ManifestRewriter.rewrite(text, rendition, manifest, SIGNER);
    }
}
