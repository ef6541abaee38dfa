package io.transcoder.encoder.encoding;

import io.transcoder.formats.Hls;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The catalogue's ladder from one ffmpeg run against one run per rung, same settings, on a generated 1080p clip
 * encoded as a phone would (some grain, 16 Mbit/s), so that decoding costs what it does for real uploads. Minutes
 * long, so not one of the tests (surefire runs only *Tests), but run by name: {@code mvn test -pl encoder-service -Dtest=HlsLadderBenchmark}
 * (optionally {@code -Dbenchmark.seconds=60}). It prints its figures and asserts nothing about them.
 */
@Tag("benchmark")
class HlsLadderBenchmark {

    private static final long TICKS_PER_SECOND = 100; // getconf CLK_TCK on Linux

    @TempDir
    Path work;

    @Test
    void comparesTheOneRunLadderWithOneRunPerRung() {
        int seconds = Integer.getInteger("benchmark.seconds", 30);
        Path clip = HostileClips.ffmpeg(work.resolve("clip.mp4"), List.of(
                "-f", "lavfi", "-i", "testsrc2=size=1920x1080:rate=30:duration=" + seconds + ",noise=alls=6:allf=t",
                "-f", "lavfi", "-i", "sine=frequency=440:duration=" + seconds,
                // about what a phone records: 16 Mbit/s H.264 with CABAC
                "-c:v", "libx264", "-preset", "superfast", "-b:v", "16M", "-maxrate", "20M", "-bufsize", "32M",
                "-pix_fmt", "yuv420p", "-c:a", "aac",
                "-f", "mp4"));
        Ffmpeg ffmpeg = new Ffmpeg(TestSettings.encoder());
        SourceVideo source = SourceVideo.of(clip, ffmpeg.probe(clip));
        Hls ladder = TestSettings.format("hls").hls();
        System.out.printf(Locale.ROOT, "source: %s, %d s, %.1f MB%n", source.width() + "x" + source.height(),
                seconds, size(clip) / 1e6);

        Measure one = measure(() -> encode(ffmpeg, ladder, source, work.resolve("one-run")));
        System.out.printf(Locale.ROOT, "one run, %d rungs: wall %.1f s, CPU %.1f s%n", ladder.ladder().size(),
                one.wallSeconds(), one.cpuSeconds());
        Measure each = new Measure(0, 0);
        for (Hls.Rung rung : ladder.ladder()) {
            Hls single = new Hls(ladder.segmentDuration(), ladder.videoOptions(), List.of(rung));
            Measure run = measure(() -> encode(ffmpeg, single, source, work.resolve(rung.name())));
            System.out.printf(Locale.ROOT, "  %s alone: wall %.1f s, CPU %.1f s%n", rung.name(), run.wallSeconds(),
                    run.cpuSeconds());
            each = new Measure(each.wallSeconds() + run.wallSeconds(), each.cpuSeconds() + run.cpuSeconds());
        }
        System.out.printf(Locale.ROOT, "a run per rung: wall %.1f s, CPU %.1f s%n", each.wallSeconds(),
                each.cpuSeconds());
    }

    private static void encode(Ffmpeg ffmpeg, Hls recipe, SourceVideo source, Path folder) {
        new HlsLadder(ffmpeg, recipe, source, 60).encode(new EncodeRequest("hls", folder, Duration.ofMinutes(20),
                percent -> {}));
    }

    record Measure(double wallSeconds, double cpuSeconds) {}

    static Measure measureOf(Runnable run) {
        return measure(run);
    }

    private static Measure measure(Runnable run) {
        long cpu = childrenCpuTicks();
        long started = System.nanoTime();
        run.run();
        return new Measure((System.nanoTime() - started) / 1e9,
                (childrenCpuTicks() - cpu) / (double) TICKS_PER_SECOND);
    }

    // user and system time of the child processes this JVM waited for (cutime and cstime): ffmpeg, since the launcher
    // script and setpriv and env each replace themselves with the next
    private static long childrenCpuTicks() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
