package io.transcoder.encoder.media;

import static io.transcoder.encoder.media.MediaSources.ALPHA_PRORES;
import static io.transcoder.encoder.media.MediaSources.ANAMORPHIC;
import static io.transcoder.encoder.media.MediaSources.H264_AAC;
import static io.transcoder.encoder.media.MediaSources.HDR_PQ;
import static io.transcoder.encoder.media.MediaSources.MPEG2_INTERLACED;
import static io.transcoder.encoder.media.MediaSources.ODD_SIZE;
import static io.transcoder.encoder.media.MediaSources.ROTATED_180;
import static io.transcoder.encoder.media.MediaSources.ROTATED_270;
import static io.transcoder.encoder.media.MediaSources.ROTATED_90;
import static io.transcoder.encoder.media.MediaSources.SHORT;
import static io.transcoder.encoder.media.MediaSources.VARIABLE_RATE;

import io.transcoder.encoder.media.Encodings.Case;
import io.transcoder.encoder.media.Encodings.Rendition;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Posters and storyboards of the sources whose picture is easy to get wrong: turned, stretched, HDR, tiny, short. */
class ImageRenditionTests extends RenditionSuite {

    static final List<MediaSource> POSTER_SOURCES = List.of(H264_AAC, MPEG2_INTERLACED, ROTATED_90, ROTATED_180,
            ROTATED_270, ANAMORPHIC, HDR_PQ, ODD_SIZE, ALPHA_PRORES, SHORT);
    static final List<MediaSource> STORYBOARD_SOURCES = List.of(H264_AAC, MPEG2_INTERLACED, ROTATED_90, ROTATED_270,
            ANAMORPHIC, VARIABLE_RATE, SHORT);

    static Stream<Case> posters() {
        return POSTER_SOURCES.stream().map(source -> new Case(source, "thumbnail"));
    }

    static Stream<Case> storyboards() {
        return STORYBOARD_SOURCES.stream().map(source -> new Case(source, "storyboard"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("posters")
    void posterShowsTheSourceUprightInItsShape(Case poster) {
        Path file = encodings.encode(poster).entryFile();

        SoftAssertions.assertSoftly(soft -> RenditionChecks.poster(soft, poster.toString(), file, poster.source()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("storyboards")
    void storyboardCoversTheVideoWithUprightTilesInItsShape(Case storyboard) {
        Rendition rendition = encodings.encode(storyboard);

        SoftAssertions.assertSoftly(soft -> RenditionChecks.storyboard(soft, storyboard.toString(), rendition.folder(),
                storyboard.source()));
    }
}
