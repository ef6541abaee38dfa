package io.transcoder.fault;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A directory to give the encoder as {@code encoder.ffmpeg-path}: ffmpeg and ffprobe as installed, except that an
 * ffmpeg run naming a file whose name starts with {@code poison} crashes (SIGSEGV, every time), and an encode naming
 * a file whose name starts with {@code slow} first sleeps 30 s (only a file name counts: a folder named so does not).
 * The encoder names its outputs after the uploaded file, so the upload's name picks the behaviour. The check after
 * encoding ({@code -xerror}) is never slowed. Every ffmpeg run is written down
 * in {@code calls.log}, so a scenario can count the encodes of one job's format, failed ones included.
 */
final class FfmpegWrappers {

    private static final String FFMPEG = """
            #!/bin/sh
            # started by the encoder with an empty environment: absolute paths only
            printf '%s\n' "$*" >> CALLS
            case "$*" in
              */poison*) kill -SEGV $$ ;;
            esac
            case "$*" in
              *-xerror*) ;;
              */slow*) /bin/sleep 30 ;;
            esac
            exec /usr/bin/ffmpeg "$@"
            """;

    private static final String FFPROBE = """
            #!/bin/sh
            exec /usr/bin/ffprobe "$@"
            """;

    private FfmpegWrappers() {}

    static Path install(Path directory) {
        try {
            Files.createDirectories(directory);
            write(directory.resolve("ffmpeg"), FFMPEG.replace("CALLS", calls(directory).toString()));
            write(directory.resolve("ffprobe"), FFPROBE);
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How many encodes ffmpeg started for the job's format: runs writing into its rendition folder, checks aside. */
    static long encodes(Path directory, String jobId, String format) {
        try {
            return Files.exists(calls(directory)) ? Files.readAllLines(calls(directory)).stream()
                    .filter(call -> call.contains(jobId) && call.contains("/out/" + format + ".")
                            && !call.contains("-xerror"))
                    .count() : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path calls(Path directory) {
        return directory.resolve("calls.log").toAbsolutePath();
    }

    private static void write(Path file, String script) throws IOException {
        Files.writeString(file, script);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
