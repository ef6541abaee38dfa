package io.transcoder.messages;

import java.util.List;
import java.util.Objects;

/**
 * One format's output in the bucket: every file under {@code prefix}, with its path inside the rendition kept.
 *
 * @param prefix the key every file's path is appended to, {@code outputs/{jobId}/{format}/}
 * @param entry the path (one of {@code files}) a link to the rendition points at
 */
public record StoredRendition(String format, RenditionKind kind, String prefix, String entry,
        List<RenditionFile> files) {

    public StoredRendition {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(prefix, "prefix");
        files = List.copyOf(files);
        Renditions.requireEntry(entry, files);
    }

    public String key(RenditionFile file) {
        return prefix + file.path();
    }

    public RenditionFile entryFile() {
        return files.stream().filter(file -> file.path().equals(entry)).findFirst().orElseThrow();
    }

    /** All its files' bytes together. */
    public long size() {
        return files.stream().mapToLong(RenditionFile::size).sum();
    }
}
