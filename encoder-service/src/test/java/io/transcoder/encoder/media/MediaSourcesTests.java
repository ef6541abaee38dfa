package io.transcoder.encoder.media;

import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import io.transcoder.encoder.media.MediaSource.Trait;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import tools.jackson.databind.JsonNode;

/** Each generated source is what the suite names it: otherwise a rendition test would prove nothing. */
class MediaSourcesTests {

    static final List<MediaSource> SOURCES = MediaSources.ALL;

    @TempDir
    static Path work;

    private static SourceFiles sources;

    @BeforeAll
    static void makeSourcesOnDemand() {
        sources = new SourceFiles(work);
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("SOURCES")
    void isWhatTheSuiteCallsIt(MediaSource source) {
        Path file = sources.of(source);
        MediaInfo info = MediaInfo.of(file);
        SoftAssertions.assertSoftly(soft -> {
            for (Map.Entry<String, String> claim : source.claims().entrySet()) {
                soft.assertThat(claimed(info, claim.getKey())).as(claim.getKey()).isEqualTo(claim.getValue());
            }
            soft.assertThat(Player.decodeErrors(file)).as("decodes").isEmpty();
            soft.assertThat(info.seconds()).as("duration").isCloseTo(source.seconds(), within(Tolerances.DURATION_SECONDS));
            soft.assertThat(info.audio().isPresent()).as("sound").isEqualTo(source.sound());
            soft.assertThat(info.video().isPresent()).as("video").isEqualTo(source.video());
            info.video().ifPresent(video -> {
                soft.assertThat(MediaInfo.displayAspect(video)).as("display aspect")
                        .isCloseTo(source.displayAspect(), withinPercentage(Tolerances.ASPECT * 100));
                if (source.has(Trait.MARKER)) {
                    RenditionChecks.orientation(soft, source.name(), Player.quadrants(file, null));
                }
                if (source.has(Trait.INTERLACED)) {
                    Player.Fields fields = Player.fields(file);
                    soft.assertThat(fields.interlacedShare()).as("share of frames idet finds interlaced (%s)", fields)
                            .isGreaterThanOrEqualTo(Tolerances.INTERLACED_SOURCE_SHARE);
                }
                if (source.has(Trait.VARIABLE_FRAME_RATE)) {
                    double[] gaps = frameGaps(file);
                    soft.assertThat(gaps[1]).as("longest gap between frames against twice the shortest (%s s)", gaps[0])
                            .isGreaterThan(2 * gaps[0]);
                }
            });
        });
    }

    private static String claimed(MediaInfo info, String key) {
        String field = key.substring(2);
        JsonNode node = switch (key.charAt(0)) {
            case 'f' -> info.format();
            case 'v' -> info.video().orElseThrow();
            default -> info.audio().orElseThrow();
        };
        if (field.equals("rotation")) {
            return String.valueOf(MediaInfo.rotation(node));
        }
        for (String part : field.split("\\.")) {
            node = node.path(part);
        }
        return node.asString("");
    }

    /** The shortest and the longest gap between the frames' timestamps, in seconds. */
    private static double[] frameGaps(Path file) {
        double[] times = Arrays.stream(Tools.succeed(List.of("ffprobe", "-v", "error", "-select_streams", "v:0",
                        "-show_entries", "packet=pts_time", "-of", "csv=p=0", file.toString())).out().split("\\s+"))
                .filter(line -> !line.isBlank()).mapToDouble(Double::parseDouble).sorted().toArray();
        double[] gaps = IntStream.range(1, times.length).mapToDouble(i -> times[i] - times[i - 1]).toArray();
        return new double[] {Arrays.stream(gaps).min().orElse(0), Arrays.stream(gaps).max().orElse(0)};
    }
}
