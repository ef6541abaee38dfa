package io.transcoder.encoder.media;

import static io.transcoder.encoder.media.MediaSources.ANAMORPHIC;
import static io.transcoder.encoder.media.MediaSources.FPS_60;
import static io.transcoder.encoder.media.MediaSources.H264_AAC;
import static io.transcoder.encoder.media.MediaSources.HDR_PQ;
import static io.transcoder.encoder.media.MediaSources.MPEG2_INTERLACED;
import static io.transcoder.encoder.media.MediaSources.NO_AUDIO;
import static io.transcoder.encoder.media.MediaSources.ROTATED_90;
import static io.transcoder.encoder.media.MediaSources.SHORT;
import static io.transcoder.encoder.media.MediaSources.VARIABLE_RATE;
import static org.assertj.core.api.Assertions.assertThat;

import io.transcoder.encoder.media.Encodings.Case;
import io.transcoder.encoder.media.Encodings.Rendition;
import io.transcoder.encoder.media.RenditionChecks.BrowserVideo;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every rung of the HLS ladder of the sources that change what a ladder is (size, shape, rate, sound). */
class HlsRenditionTests extends RenditionSuite {

    static final List<MediaSource> SOURCES = List.of(H264_AAC, MPEG2_INTERLACED, ROTATED_90, ANAMORPHIC, HDR_PQ,
            FPS_60, VARIABLE_RATE, NO_AUDIO, SHORT);

    static Stream<Case> ladders() {
        return SOURCES.stream().map(source -> new Case(source, "hls"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ladders")
    void everyRungPlaysAsItsSourceLooked(Case ladder) throws IOException {
        Rendition rendition = encodings.encode(ladder);
        List<String> rungs = Files.readAllLines(rendition.entryFile()).stream()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .toList();
        assertThat(rungs).as("[rungs] %s: media playlists in %s", ladder, rendition.entry()).isNotEmpty();

        SoftAssertions.assertSoftly(soft -> rungs.forEach(rung -> RenditionChecks.video(soft, ladder + " " + rung,
                rendition.folder().resolve(rung), ladder.source(), encodings.source(ladder.source()), BrowserVideo.H264,
                "aac")));
    }
}
