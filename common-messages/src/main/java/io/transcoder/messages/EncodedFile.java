package io.transcoder.messages;

import java.util.Objects;

/**
 * One rendition in the work volume.
 *
 * @param format the format id
 * @param file the rendition's path relative to the work volume's root
 * @param size its size in bytes
 */
public record EncodedFile(String format, String file, long size) {

    public EncodedFile {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(file, "file");
    }
}
