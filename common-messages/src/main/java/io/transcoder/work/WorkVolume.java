package io.transcoder.work;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.FileSystemUtils;

/**
 * The layout of the work volume that the downloader, encoder and uploader share: {@code {jobId}/source} and
 * {@code {jobId}/out/{format}/...}. Messages carry paths relative to its root, since each service may mount the
 * volume elsewhere.
 */
public class WorkVolume {

    private static final Logger log = LoggerFactory.getLogger(WorkVolume.class);

    private final Path root;

    public WorkVolume(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    public Path jobDirectory(String jobId) {
        return resolveInside(jobId);
    }

    public Path source(String jobId) {
        return jobDirectory(jobId).resolve("source");
    }

    public Path outputDirectory(String jobId, String format) {
        return jobDirectory(jobId).resolve("out").resolve(format);
    }

    /** The absolute path of a path that a message carries; refuses one that leads outside the volume. */
    public Path resolve(String relativePath) {
        return resolveInside(relativePath);
    }

    public String relativize(Path path) {
        return root.relativize(path.toAbsolutePath().normalize()).toString();
    }

    /**
     * A sibling to write into before {@link #publish} renames it, so no reader ever sees half a file. Each call names
     * a new one: two attempts at the same file (a redelivered message on another replica) never write into each
     * other's.
     */
    public Path partial(Path target) {
        return target.resolveSibling(target.getFileName() + "." + UUID.randomUUID() + ".part");
    }

    /** Atomically renames a finished partial file, or a partial folder whose every file is written, into place. */
    public void publish(Path partial, Path target) {
        try {
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Removes a partial file or folder that will not be published (its attempt failed), if it is there. Best effort: the job's
     * directory goes when the job ends, and the uploader's sweeper removes what a crash left.
     */
    public void discard(Path partial) {
        try {
            FileSystemUtils.deleteRecursively(partial);
        } catch (IOException e) {
            log.warn("Could not delete {}", partial, e);
        }
    }

    /** Removes everything the job left in the volume; nothing happens if there is nothing. */
    public void delete(String jobId) {
        try {
            FileSystemUtils.deleteRecursively(jobDirectory(jobId));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path resolveInside(String relativePath) {
        Path path = root.resolve(relativePath).normalize();
        if (!path.startsWith(root) || path.equals(root)) {
            throw new IllegalArgumentException("Path leaves the work volume: " + relativePath);
        }
        return path;
    }
}
