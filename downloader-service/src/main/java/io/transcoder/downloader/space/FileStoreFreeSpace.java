package io.transcoder.downloader.space;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The usable space of the file store the work volume lives on, as this process may use it. */
class FileStoreFreeSpace implements FreeSpace {

    private final Path root;

    FileStoreFreeSpace(Path root) {
        this.root = root;
    }

    @Override
    public long usableBytes() {
        try {
            return Files.getFileStore(existing(root)).getUsableSpace();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the free space of " + root, e);
        }
    }

    // the volume's root appears with the first job; until then it lives where its nearest existing parent does
    private static Path existing(Path path) {
        Path candidate = path.toAbsolutePath();
        while (!Files.exists(candidate) && candidate.getParent() != null) {
            candidate = candidate.getParent();
        }
        return candidate;
    }
}
