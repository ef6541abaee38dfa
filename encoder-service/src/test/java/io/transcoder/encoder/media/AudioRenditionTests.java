package io.transcoder.encoder.media;

import io.transcoder.encoder.media.Encodings.Case;
import io.transcoder.jobs.FailureCode;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@code audio} format of every source with sound (cheap: the sound alone), and the refusals: {@code audio} of a
 * silent source, and every picture format of a source with no video.
 */
class AudioRenditionTests extends RenditionSuite {

    private static Stream<String> pictureFormats() {
        return Stream.of("mp4", "webm", "mp4-hevc", "av1", "hls", "thumbnail", "storyboard");
    }

    static Stream<Case> withSound() {
        return MediaSources.ALL.stream().filter(MediaSource::sound).map(source -> new Case(source, "audio"));
    }

    static Stream<Case> silent() {
        return MediaSources.ALL.stream().filter(source -> !source.sound()).map(source -> new Case(source, "audio"));
    }

    static Stream<Case> withoutVideo() {
        return MediaSources.ALL.stream().filter(source -> !source.video())
                .flatMap(source -> pictureFormats().map(format -> new Case(source, format)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("withSound")
    void soundAloneIsStereo48kHzAacAsLongAsTheSource(Case audio) {
        Path file = encodings.encode(audio).entryFile();

        SoftAssertions.assertSoftly(soft -> RenditionChecks.audio(soft, audio.toString(), file, audio.source()));
    }

    @ParameterizedTest(name = "{0} fails INPUT_WITHOUT_AUDIO")
    @MethodSource("silent")
    void refusesTheSoundOfASilentSource(Case audio) {
        encodings.assertFails(audio, FailureCode.INPUT_WITHOUT_AUDIO);
    }

    @ParameterizedTest(name = "{0} fails INPUT_NOT_VIDEO")
    @MethodSource("withoutVideo")
    void refusesPicturesOfASourceWithoutVideo(Case picture) {
        encodings.assertFails(picture, FailureCode.INPUT_NOT_VIDEO);
    }
}
