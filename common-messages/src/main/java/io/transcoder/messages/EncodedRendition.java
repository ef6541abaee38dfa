package io.transcoder.messages;

import java.util.List;
import java.util.Objects;

/**
 * One format's output in the work volume: a folder that appeared whole, with every file it holds.
 *
 * @param directory the folder, relative to the work volume's root
 * @param entry the path (one of {@code files}) a link to the rendition points at
 */
public record EncodedRendition(String format, RenditionKind kind, String directory, String entry,
        List<RenditionFile> files) {

    public EncodedRendition {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(directory, "directory");
        files = List.copyOf(files);
        Renditions.requireEntry(entry, files);
    }
}
