package io.transcoder.api.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;

import io.transcoder.TranscoderProperties;
import io.transcoder.api.problems.ApiException;
import io.transcoder.formats.Format;
import io.transcoder.formats.Hls;
import io.transcoder.formats.Progressive;
import io.transcoder.formats.Storyboard;
import io.transcoder.messages.RenditionKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FormatCatalogueTests {

    private final FormatCatalogue catalogue = new FormatCatalogue(new TranscoderProperties("t", Path.of("/tmp"),
            Duration.ofDays(1), 5, Duration.ofSeconds(1), formats(),
            new TranscoderProperties.Retry(List.of(Duration.ofSeconds(5)), Map.of())));

    @Test
    void resolvesRepeatedAndCommaSeparatedIdsInOrderWithoutDuplicates() {
        assertThat(catalogue.resolve(List.of("webm, MP4", "webm", " "))).containsExactly("webm", "mp4");
    }

    @Test
    void refusesUnknownIdsNamingThemAndTheValidOnes() {
        assertThatExceptionOfType(ApiException.class)
                .isThrownBy(() -> catalogue.resolve(List.of("mp4,avi,mkv")))
                .satisfies(e -> {
                    assertThat(e.getBody().getType()).hasToString("/problems/unknown-format");
                    assertThat(e.getBody().getProperties()).containsEntry("unknownFormats", List.of("avi", "mkv"))
                            .containsEntry("validFormats", List.of("mp4", "webm", "hls", "storyboard"));
                });
    }

    @Test
    void refusesNoIdsAtAll() {
        assertThatExceptionOfType(ApiException.class)
                .isThrownBy(() -> catalogue.resolve(List.of(" , ")))
                .satisfies(e -> assertThat(e.getBody().getType()).hasToString("/problems/missing-formats"));
    }

    @Test
    void describesEveryFormatByItsKindAndTheMediaTypeOfItsEntry() {
        assertThat(catalogue.all()).extracting(FormatView::id, FormatView::kind, FormatView::mediaType)
                .containsExactly(tuple("mp4", RenditionKind.VIDEO, "video/mp4"),
                        tuple("webm", RenditionKind.VIDEO, "video/webm"),
                        tuple("hls", RenditionKind.STREAM, "application/vnd.apple.mpegurl"),
                        tuple("storyboard", RenditionKind.IMAGE, "text/vtt"));
    }

    private static Map<String, Format> formats() {
        Map<String, Format> formats = new LinkedHashMap<>();
        formats.put("mp4", Format.of("H.264", new Progressive("mp4", "mp4", "video/mp4", "libx264", "aac", List.of())));
        formats.put("webm", Format.of("VP9", new Progressive("webm", "webm", "video/webm", "libvpx-vp9", "libopus",
                List.of())));
        formats.put("hls", Format.of("HLS", new Hls(Duration.ofSeconds(6), List.of(),
                List.of(new Hls.Rung(720, 2800, 128)))));
        formats.put("storyboard", Format.of("Seek previews", new Storyboard(160, 10, 100, Duration.ofSeconds(2))));
        return formats;
    }
}
