package io.transcoder.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Media generated at test time with ffmpeg's test sources, so no media file is ever committed. */
public final class TestClips {

    private TestClips() {}

    /** Two seconds of 320x240 test picture with a tone, H.264 and AAC in MP4. */
    public static Path video(Path target) {
        return video(target, "mp4", "320x240");
    }

    public static Path video(Path target, String container, String size) {
        return video(target, container, size, 2);
    }

    /** A 30 fps test picture of the given size with a tone, H.264 and AAC. */
    public static Path video(Path target, String container, String size, double seconds) {
        return ffmpeg(target, List.of(
                "-f", "lavfi", "-i", "testsrc2=size=" + size + ":rate=30:duration=" + seconds,
                "-f", "lavfi", "-i", "sine=frequency=440:duration=" + seconds,
                "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest",
                "-f", container));
    }

    /** Two seconds of a tone in WAV: media, but no video. */
    public static Path audio(Path target) {
        return ffmpeg(target, List.of("-f", "lavfi", "-i", "sine=frequency=440:duration=2", "-f", "wav"));
    }

    public static Path text(Path target) {
        return write(target, "Dear diary, this is not a video.\n");
    }

    public static Path write(Path target, String content) {
        try {
            Files.createDirectories(target.toAbsolutePath().getParent());
            return Files.writeString(target, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path ffmpeg(Path target, List<String> arguments) {
        List<String> command = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-loglevel", "error", "-y"));
        command.addAll(arguments);
        command.add(target.toAbsolutePath().toString());
        try {
            Files.createDirectories(target.toAbsolutePath().getParent());
            Process process = new ProcessBuilder(command).inheritIO().start();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("ffmpeg finished in time").isTrue();
            assertThat(process.exitValue()).as("ffmpeg's exit code").isZero();
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
