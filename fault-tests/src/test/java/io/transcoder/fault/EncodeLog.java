package io.transcoder.fault;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * How many times the encoders encoded one job's format, read from their logs. This is the one place that knows the
 * encoder's log line: today {@code Job {id}: encoded {format} (n files, m bytes)}. Should the encoder come to log a
 * rendition it passes on from an earlier attempt's folder differently (it logs "encoded" for both today), only
 * {@link #ENCODED} changes: it must match an encode that ran, and nothing else.
 */
final class EncodeLog {

    static final Pattern ENCODED = Pattern.compile("Job (?<job>[0-9a-fA-F-]{36}): encoded (?<format>[a-z0-9-]+)\\b");

    private EncodeLog() {}

    static long count(Collection<Path> encoderLogs, String jobId, String format) {
        return encoderLogs.stream().flatMap(EncodeLog::lines).filter(line -> {
            Matcher matcher = ENCODED.matcher(line);
            return matcher.find() && matcher.group("job").equals(jobId) && matcher.group("format").equals(format);
        }).count();
    }

    private static Stream<String> lines(Path log) {
        try {
            return Files.exists(log) ? Files.readAllLines(log).stream() : Stream.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
