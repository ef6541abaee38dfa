package io.transcoder.encoder.encoding;

import io.transcoder.messages.RenditionFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The files of a rendition's folder, as the contract lists them. */
final class RenditionFiles {

    // the uploader keeps these names in object keys, and signed links carry them in their paths
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");

    private RenditionFiles() {}

    /**
     * Every file in the folder, the entry first and the rest in path order, with its size and media type; refuses a
     * folder whose names the contract would not carry.
     */
    static List<RenditionFile> list(Path folder, String entry, UnaryOperator<String> mediaType) {
        try (Stream<Path> files = Files.walk(folder)) {
            List<RenditionFile> listed = files.filter(Files::isRegularFile)
                    .map(file -> pathIn(folder, file))
                    .sorted(Comparator.comparing((String path) -> !path.equals(entry)).thenComparing(path -> path))
                    .map(path -> new RenditionFile(path, fileSize(folder.resolve(path)), mediaType.apply(path)))
                    .toList();
            if (listed.isEmpty() || !listed.get(0).path().equals(entry)) {
                throw new IllegalStateException("The rendition in " + folder + " has no entry " + entry);
            }
            return listed;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** All the folder's bytes; a file that goes while it is counted (ffmpeg renaming a playlist) counts as none. */
    static long size(Path folder) {
        AtomicLong total = new AtomicLong();
        try {
            Files.walkFileTree(folder, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    total.addAndGet(attributes.size());
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return total.get();
    }

    private static String pathIn(Path folder, Path file) {
        String path = folder.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
        if (!Arrays.stream(path.split("/")).allMatch(name -> NAME.matcher(name).matches())) {
            throw new IllegalStateException("ffmpeg wrote a file whose name a rendition cannot carry: " + path);
        }
        return path;
    }

    private static long fileSize(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
