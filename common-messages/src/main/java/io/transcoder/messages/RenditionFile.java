package io.transcoder.messages;

import java.util.Arrays;
import java.util.Objects;

/**
 * One file of a rendition.
 *
 * @param path where it lies inside its rendition, with forward slashes ({@code 720p/seg_001.m4s}): never absolute,
 *     never climbing out
 * @param size its size in bytes
 * @param mediaType its MIME type, which storage serves it with
 */
public record RenditionFile(String path, long size, String mediaType) {

    public RenditionFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(mediaType, "mediaType");
        if (path.isEmpty() || path.startsWith("/") || path.contains("\\")
                || Arrays.stream(path.split("/", -1)).anyMatch(part -> part.isEmpty() || part.equals(".") || part.equals(".."))) {
            throw new IllegalArgumentException("Not a path inside a rendition: " + path);
        }
    }

    /** The file's own name, the last part of its path. */
    public String name() {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
