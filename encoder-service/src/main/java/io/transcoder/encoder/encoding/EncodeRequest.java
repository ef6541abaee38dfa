package io.transcoder.encoder.encoding;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.DoubleConsumer;
import java.util.function.IntConsumer;

/**
 * One rendition to write.
 *
 * @param formatId the format's id in the catalogue
 * @param folder the (partial) folder its files go into, which {@link Encoder} publishes once they are all written
 * @param timeLimit how long making it may take: what is left of the job's budget
 * @param progress receives 0 to 99 while ffmpeg runs
 * @param speed receives how fast ffmpeg says it goes, in seconds of the source a second
 * @param guard what stops the job's encode from outside (a cancel, a shutdown): every ffmpeg run registers with it
 */
record EncodeRequest(String formatId, Path folder, Duration timeLimit, IntConsumer progress, DoubleConsumer speed,
        EncodeGuard guard) {

    /** A request nothing stops from outside. */
    EncodeRequest(String formatId, Path folder, Duration timeLimit, IntConsumer progress) {
        this(formatId, folder, timeLimit, progress, speed -> {}, EncodeGuard.none(formatId));
    }

    /** The same request with less time: for a further run after one that took {@code spent}. */
    EncodeRequest after(Duration spent) {
        return new EncodeRequest(formatId, folder, timeLimit.minus(spent), progress, speed, guard);
    }
}
