package io.transcoder.encoder.encoding;

import com.github.kokorin.jaffree.ffmpeg.FFmpegProgress;
import java.time.Duration;

/** When ffmpeg last moved on: a new frame, a later output time or a bigger output. */
final class Activity {

    private volatile long changedAt = System.nanoTime();
    private volatile String last = "";

    void observe(FFmpegProgress progress) {
        String now = progress.getFrame() + "/" + progress.getTimeMillis() + "/" + progress.getSize();
        if (!now.equals(last)) {
            last = now;
            changedAt = System.nanoTime();
        }
    }

    Duration quietFor() {
        return Duration.ofNanos(System.nanoTime() - changedAt);
    }
}
