package io.transcoder.encoder.media;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The sources of one test class, each made with ffmpeg the first time a test asks for it. */
final class SourceFiles {

    private final Path directory;
    private final Map<String, Path> made = new ConcurrentHashMap<>();

    SourceFiles(Path directory) {
        this.directory = directory;
    }

    Path of(MediaSource source) {
        return made.computeIfAbsent(source.name(), name -> make(source));
    }

    private Path make(MediaSource source) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path target = directory.resolve(source.name());
        if (source.remux().isEmpty()) {
            return ffmpeg(source.make(), target);
        }
        Path first = directory.resolve("unremuxed-" + source.name());
        ffmpeg(source.make(), first);
        List<String> remux = new ArrayList<>(List.of("-i", first.toString()));
        remux.addAll(source.remux());
        return ffmpeg(remux, target);
    }

    private static Path ffmpeg(List<String> arguments, Path target) {
        List<String> command = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-v", "error", "-y"));
        command.addAll(arguments);
        command.add(target.toString());
        Tools.succeed(command);
        return target;
    }
}
