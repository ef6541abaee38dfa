package io.transcoder.encoder.encoding;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks every file of a written rendition by {@link RenditionCheck}'s rules: probes it, then decodes its first and
 * last second. A rendition that fails is never published: the job fails with {@code OUTPUT_INVALID}.
 */
final class RenditionInspection {

    private static final Logger log = LoggerFactory.getLogger(RenditionInspection.class);

    private final Ffmpeg ffmpeg;

    RenditionInspection(Ffmpeg ffmpeg) {
        this.ffmpeg = ffmpeg;
    }

    /** Fails with {@code OUTPUT_INVALID}, naming the format and what was wrong, unless every file passes. */
    void require(String formatId, RenditionEncoder rendition, Path folder) {
        for (RenditionCheck.Expected expected : rendition.expected()) {
            List<String> problems = problems(expected, folder.resolve(expected.path()));
            if (!problems.isEmpty()) {
                log.warn("The {} rendition's {} failed its check: {}", formatId, expected.path(), problems);
                String where = expected.path().contains("/")
                        ? "its " + expected.path().substring(0, expected.path().indexOf('/')) + " stream: " : "";
                throw EncodingException.outputInvalid(formatId, where + String.join(", ", problems));
            }
        }
    }

    /** An HLS media playlist's init segment and last media segment, which hold its end; none for other files. */
    static List<Path> lastSegment(Path file) {
        if (!file.getFileName().toString().endsWith(".m3u8")) {
            return List.of();
        }
        try {
            List<String> lines = Files.readAllLines(file);
            Path folder = file.getParent();
            List<Path> end = new ArrayList<>();
            lines.stream().filter(line -> line.startsWith("#EXT-X-MAP:URI=\""))
                    .map(line -> line.substring("#EXT-X-MAP:URI=\"".length(), line.indexOf('"', 16)))
                    .findFirst().ifPresent(init -> end.add(folder.resolve(init)));
            lines.stream().filter(line -> !line.isBlank() && !line.startsWith("#")).reduce((first, second) -> second)
                    .ifPresent(segment -> end.add(folder.resolve(segment.strip())));
            return end.stream().allMatch(path -> path.normalize().startsWith(folder) && Files.isRegularFile(path))
                    ? end : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<String> problems(RenditionCheck.Expected expected, Path file) {
        if (!Files.isRegularFile(file)) {
            return List.of("a file of it is missing");
        }
        Probe probe = ffmpeg.inspect(file);
        List<String> problems = new ArrayList<>(RenditionCheck.problems(expected, probe));
        if (problems.isEmpty()) {
            List<String> errors = ffmpeg.decodeErrors(file, probe.duration(), lastSegment(file));
            if (!errors.isEmpty()) {
                log.warn("Decoding {} said: {}", file, errors.stream().limit(5).toList());
                problems.add(expected.duration() == null ? "it does not decode cleanly"
                        : "its first or last second does not decode cleanly");
            }
        }
        return problems;
    }
}
