package io.transcoder.encoder.media;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs ffmpeg and ffprobe as a player's tools would, outside the encoder's own adapter. */
final class Tools {

    private static final long TIMEOUT_SECONDS = 120;

    private Tools() {}

    /** What a finished tool wrote and how it ended. */
    record Result(int exitCode, byte[] output, String err) {

        String out() {
            return new String(output, StandardCharsets.UTF_8);
        }
    }

    static Result run(List<String> command) {
        try {
            Path out = Files.createTempFile("media-suite", ".out");
            Path err = Files.createTempFile("media-suite", ".err");
            try {
                Process process = new ProcessBuilder(new ArrayList<>(command))
                        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                        .redirectOutput(out.toFile())
                        .redirectError(err.toFile())
                        .start();
                if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                    throw new IllegalStateException(command + " did not finish within " + TIMEOUT_SECONDS + " s");
                }
                return new Result(process.exitValue(), Files.readAllBytes(out),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Runs a tool that must succeed. */
    static Result succeed(List<String> command) {
        Result result = run(command);
        if (result.exitCode() != 0) {
            throw new IllegalStateException(command + " exited with " + result.exitCode() + ": " + result.err());
        }
        return result;
    }
}
