package io.transcoder.encoder.encoding;

import com.github.kokorin.jaffree.ffmpeg.UrlOutput;
import io.transcoder.formats.Progressive;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What each progressive format costs on a 10 s 720p30 clip (encode and check apart, and SVT-AV1's presets), and one
 * decode for mp4 and webm together against a run each on a 60 s one. Minutes long, so not one of the tests (surefire runs only *Tests), but run by name:
 * {@code mvn test -pl encoder-service -Dtest=FormatBenchmark}. It prints its figures and
 * asserts nothing about them.
 */
@Tag("benchmark")
class FormatBenchmark {

    @TempDir
    Path work;

    private final Ffmpeg ffmpeg = new Ffmpeg(TestSettings.encoder("job-time-limit=20m"));

    @Test
    void timesEachFormatOnTenSecondsOf720p() {
        SourceVideo source = source(10);
        for (String id : List.of("mp4", "webm", "mp4-hevc", "av1", "audio")) {
            time(id, TestSettings.format(id).progressive(), source);
        }
        Progressive av1 = TestSettings.format("av1").progressive();
        for (String preset : List.of("8", "12")) {
            List<String> options = new ArrayList<>(av1.options());
            options.set(options.indexOf("-preset") + 1, preset);
            time("av1 preset " + preset, new Progressive(av1.container(), av1.extension(), av1.mediaType(),
                    av1.videoCodec(), av1.audioCodec(), options), source);
        }
    }

    @Test
    void comparesOneDecodeForMp4AndWebmWithARunEach() {
        SourceVideo source = source(Integer.getInteger("benchmark.seconds", 60));
        Progressive mp4 = TestSettings.format("mp4").progressive();
        Progressive webm = TestSettings.format("webm").progressive();
        HlsLadderBenchmark.Measure each = measure(() -> {
            encoder(mp4, source).encode(request("mp4", work.resolve("each-mp4")));
            encoder(webm, source).encode(request("webm", work.resolve("each-webm")));
        });
        System.out.printf(Locale.ROOT, "mp4 then webm, a run each: wall %.1f s, CPU %.1f s%n", each.wallSeconds(),
                each.cpuSeconds());
        Normalisation normalisation = Normalisation.of(source, 60);
        String graph = "[0:V:0]" + normalisation.video(source.width(), source.height()) + ",split=2[v0][v1];"
                + normalisation.audioInput() + Normalisation.audio() + ",asplit=2[a0][a1]";
        Path folder = work.resolve("one");
        List<com.github.kokorin.jaffree.ffmpeg.BaseOutput<?>> outputs = List.of(
                output(mp4, folder.resolve("clip.mp4"), 0), output(webm, folder.resolve("clip.webm"), 1));
        HlsLadderBenchmark.Measure one = measure(() -> ffmpeg.run(request("both", folder),
                FfmpegRun.whole(source, graph, outputs)));
        System.out.printf(Locale.ROOT, "mp4 and webm, one decode: wall %.1f s, CPU %.1f s%n", one.wallSeconds(),
                one.cpuSeconds());
    }

    private void time(String name, Progressive recipe, SourceVideo source) {
        Path folder = work.resolve(name.replace(' ', '-'));
        ProgressiveEncoder encoder = encoder(recipe, source);
        HlsLadderBenchmark.Measure encode = measure(() -> encoder.encode(request(name, folder)));
        HlsLadderBenchmark.Measure check = measure(() -> new RenditionInspection(ffmpeg).require(name, encoder,
                folder));
        System.out.printf(Locale.ROOT, "%-14s encode: wall %5.1f s, CPU %5.1f s; check: wall %.1f s, CPU %.1f s;"
                + " %.2f MB%n", name, encode.wallSeconds(), encode.cpuSeconds(), check.wallSeconds(),
                check.cpuSeconds(), size(folder.resolve(encoder.entry())) / 1e6);
    }

    private static UrlOutput output(Progressive recipe, Path file, int index) {
        UrlOutput output = UrlOutput.toUrl(Ffmpeg.url(file)).setFormat(recipe.container())
                .addArguments("-map", "[v" + index + "]").addArguments("-c:v", recipe.videoCodec())
                .addArguments("-map", "[a" + index + "]").addArguments("-c:a", recipe.audioCodec());
        Normalisation.VIDEO_TAGS.forEach(output::addArgument);
        recipe.options().forEach(output::addArgument);
        return output;
    }

    private ProgressiveEncoder encoder(Progressive recipe, SourceVideo source) {
        return new ProgressiveEncoder(ffmpeg, recipe, source, "clip", 60);
    }

    private static EncodeRequest request(String format, Path folder) {
        return new EncodeRequest(format, folder, Duration.ofMinutes(20), percent -> {});
    }

    /** About what a phone records: 720p30 with some grain at 8 Mbit/s, and stereo sound. */
    private SourceVideo source(int seconds) {
        Path clip = HostileClips.ffmpeg(work.resolve("source-" + seconds + ".mp4"), List.of(
                "-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=30:duration=" + seconds + ",noise=alls=6:allf=t",
                "-f", "lavfi", "-i", "sine=frequency=440:duration=" + seconds, "-ac", "2",
                "-c:v", "libx264", "-preset", "superfast", "-b:v", "8M", "-pix_fmt", "yuv420p", "-c:a", "aac",
                "-f", "mp4"));
        return SourceVideo.of(clip, ffmpeg.probe(clip)).withScan(SourceVideo.Scan.PROGRESSIVE);
    }

    private static HlsLadderBenchmark.Measure measure(Runnable run) {
        return HlsLadderBenchmark.measureOf(run);
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
