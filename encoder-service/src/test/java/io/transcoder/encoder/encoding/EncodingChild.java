package io.transcoder.encoder.encoding;

import java.nio.file.Path;
import java.time.Duration;

/**
 * An encoder in a JVM of its own, for {@link LauncherTests} to kill: encodes from a named pipe that the test holds open
 * but never writes to, so its ffmpeg waits for input until someone ends it.
 */
final class EncodingChild {

    private EncodingChild() {}

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        Path pipe = Path.of(args[1]);
        encode(new Ffmpeg(TestSettings.encoder("stall-timeout=10m")), pipe, work.resolve("out"), Duration.ofMinutes(10));
    }

    /** Encodes what the pipe brings as the mp4 format, taking it for a 2 s clip. */
    static void encode(Ffmpeg ffmpeg, Path pipe, Path folder, Duration timeLimit) {
        SourceVideo source = new SourceVideo(pipe, Duration.ofSeconds(2), 320, 240, 30, true);
        new ProgressiveEncoder(ffmpeg, TestSettings.format("mp4").progressive(), source, "out")
                .encode(new EncodeRequest("mp4", folder, timeLimit, percent -> {}));
    }
}
