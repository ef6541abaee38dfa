package io.transcoder.api.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;

import io.transcoder.TranscoderProperties;
import io.transcoder.api.problems.ApiException;
import io.transcoder.formats.Format;
import io.transcoder.messages.RenditionKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FormatCatalogueTests {

    private final FormatCatalogue catalogue = new FormatCatalogue(new TranscoderProperties("t", Path.of("/tmp"),
            Duration.ofDays(1), 5, Duration.ofSeconds(1), formats()));

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
                            .containsEntry("validFormats", List.of("mp4", "webm"));
                });
    }

    @Test
    void refusesNoIdsAtAll() {
        assertThatExceptionOfType(ApiException.class)
                .isThrownBy(() -> catalogue.resolve(List.of(" , ")))
                .satisfies(e -> assertThat(e.getBody().getType()).hasToString("/problems/missing-formats"));
    }

    @Test
    void describesEveryFormat() {
        assertThat(catalogue.all()).extracting(FormatView::id, FormatView::videoCodec)
                .containsExactly(tuple("mp4", "libx264"),
                        tuple("webm", "libvpx-vp9"));
    }

    private static Map<String, Format> formats() {
        Map<String, Format> formats = new LinkedHashMap<>();
        formats.put("mp4", new Format("H.264", "mp4", "mp4", "video/mp4", "libx264", "aac", List.of(), RenditionKind.VIDEO));
        formats.put("webm", new Format("VP9", "webm", "webm", "video/webm", "libvpx-vp9", "libopus", List.of(), RenditionKind.VIDEO));
        return formats;
    }
}
