package io.transcoder.encoder.media;

import static io.transcoder.encoder.media.MediaSources.ALPHA_VP9;
import static io.transcoder.encoder.media.MediaSources.ANAMORPHIC;
import static io.transcoder.encoder.media.MediaSources.H264_AAC;
import static io.transcoder.encoder.media.MediaSources.HDR_HLG;
import static io.transcoder.encoder.media.MediaSources.HDR_PQ;
import static io.transcoder.encoder.media.MediaSources.MPEG2_INTERLACED;
import static io.transcoder.encoder.media.MediaSources.ODD_SIZE;
import static io.transcoder.encoder.media.MediaSources.PRORES_422;
import static io.transcoder.encoder.media.MediaSources.ROTATED_270;
import static io.transcoder.encoder.media.MediaSources.SHORT;
import static io.transcoder.encoder.media.MediaSources.SURROUND;
import static io.transcoder.encoder.media.MediaSources.VARIABLE_RATE;

import io.transcoder.encoder.media.Encodings.Case;
import io.transcoder.encoder.media.RenditionChecks.BrowserVideo;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every video source as {@code mp4}; a subset that stands for the others (each kind of trouble once: HDR both ways,
 * interlacing, 4:2:2 10-bit, alpha, rotation, odd size, pixel shape, 5.1, variable rate, under a second) through the
 * slow encoders {@code webm}, {@code mp4-hevc} and {@code av1}.
 */
class VideoRenditionTests extends RenditionSuite {

    static final List<MediaSource> SLOW_ENCODER_SOURCES = List.of(H264_AAC, MPEG2_INTERLACED, PRORES_422, ALPHA_VP9,
            ROTATED_270, ODD_SIZE, ANAMORPHIC, HDR_PQ, HDR_HLG, SURROUND, VARIABLE_RATE, SHORT);

    /** Each progressive video format: the codec a browser must find in it, and its sound's codec. */
    private static final Map<String, BrowserVideo> VIDEO = Map.of(
            "mp4", BrowserVideo.H264, "webm", BrowserVideo.VP9, "mp4-hevc", BrowserVideo.HEVC, "av1", BrowserVideo.AV1);
    private static final Map<String, String> SOUND = Map.of(
            "mp4", "aac", "webm", "opus", "mp4-hevc", "aac", "av1", "opus");

    static Stream<Case> renditions() {
        Stream<Case> mp4 = MediaSources.VIDEOS.stream().map(source -> new Case(source, "mp4"));
        Stream<Case> slow = Stream.of("webm", "mp4-hevc", "av1")
                .flatMap(format -> SLOW_ENCODER_SOURCES.stream().map(source -> new Case(source, format)));
        return Stream.concat(mp4, slow);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renditions")
    void playsInEveryBrowserAsItsSourceLooked(Case rendition) {
        Path file = encodings.encode(rendition).entryFile();

        SoftAssertions.assertSoftly(soft -> RenditionChecks.video(soft, rendition.toString(), file, rendition.source(),
                encodings.source(rendition.source()), VIDEO.get(rendition.format()), SOUND.get(rendition.format())));
    }
}
