package io.transcoder.messages;

import java.util.Objects;

/**
 * One rendition in the bucket.
 *
 * @param format the format id
 * @param key the object key
 * @param fileName the name a browser saves the download under
 * @param size its size in bytes
 */
public record StoredOutput(String format, String key, String fileName, long size) {

    public StoredOutput {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(fileName, "fileName");
    }
}
