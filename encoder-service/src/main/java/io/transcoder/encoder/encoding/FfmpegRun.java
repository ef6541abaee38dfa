package io.transcoder.encoder.encoding;

import com.github.kokorin.jaffree.ffmpeg.BaseOutput;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What one ffmpeg run reads and writes; {@link Ffmpeg#run} adds the protections.
 *
 * @param seek where in the source reading starts (an input seek), zero for its start
 * @param length how much of the source is read from there, null for all of it
 * @param filterGraph a complex filter graph over input 0, or null
 * @param outputs the outputs with their maps, codecs and options, in order
 * @param expected the output time that is all the work: progress is measured against it
 */
record FfmpegRun(Path source, Duration seek, @Nullable Duration length, @Nullable String filterGraph,
        List<BaseOutput<?>> outputs, Duration expected) {

    FfmpegRun {
        outputs = List.copyOf(outputs);
    }

    /**
     * How a run went.
     *
     * @param reached the furthest output time ffmpeg reported: how much of the source it encoded
     * @param complained whether ffmpeg logged any error (a damaged source's, most often) though it finished
     */
    record Outcome(Duration reached, boolean complained) {}

    /** All of the source, read from its start. */
    static FfmpegRun whole(SourceVideo source, @Nullable String filterGraph, List<BaseOutput<?>> outputs) {
        return new FfmpegRun(source.file(), Duration.ZERO, null, filterGraph, outputs, source.duration());
    }
}
