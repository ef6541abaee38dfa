package io.transcoder.encoder.encoding;

import com.github.kokorin.jaffree.ffmpeg.FFmpegProgress;
import java.time.Duration;

/** When ffmpeg last moved on (a new frame, a later output time or a bigger output), and how far it got. */
final class Activity {

    private volatile long changedAt = System.nanoTime();
    private volatile String last = "";
    private volatile long furthestMillis;

    void observe(FFmpegProgress progress) {
        String now = progress.getFrame() + "/" + progress.getTimeMillis() + "/" + progress.getSize();
        if (!now.equals(last)) {
            last = now;
            changedAt = System.nanoTime();
        }
        if (progress.getTimeMillis() != null) {
            furthestMillis = Math.max(furthestMillis, progress.getTimeMillis());
        }
    }

    Duration quietFor() {
        return Duration.ofNanos(System.nanoTime() - changedAt);
    }

    /** The latest output time ffmpeg reported: how much of the source it encoded. */
    Duration reached() {
        return Duration.ofMillis(furthestMillis);
    }
}
