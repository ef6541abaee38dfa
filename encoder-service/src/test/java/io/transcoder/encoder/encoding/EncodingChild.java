package io.transcoder.encoder.encoding;

import io.transcoder.work.WorkVolume;
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
        new Ffmpeg(TestSettings.encoder("stall-timeout=10m"), new WorkVolume(work)).encode(new EncodeRequest(
                pipe, Duration.ofSeconds(2), "mp4", TestSettings.format("mp4"), work.resolve("out.mp4"),
                Duration.ofMinutes(10), percent -> {}));
    }
}
