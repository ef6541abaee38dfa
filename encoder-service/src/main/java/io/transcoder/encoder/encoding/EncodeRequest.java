package io.transcoder.encoder.encoding;

import io.transcoder.formats.Format;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.IntConsumer;

/**
 * One rendition to encode.
 *
 * @param sourceDuration the source's probed duration, which progress is measured against
 * @param formatId the format's id in the catalogue
 * @param target where the finished rendition goes; nothing appears there unless encoding succeeds
 * @param timeLimit how long this run may take: what is left of the job's budget
 * @param progress receives 0 to 99 while ffmpeg runs and 100 once the rendition is in place
 */
record EncodeRequest(
        Path source,
        Duration sourceDuration,
        String formatId,
        Format format,
        Path target,
        Duration timeLimit,
        IntConsumer progress) {}
