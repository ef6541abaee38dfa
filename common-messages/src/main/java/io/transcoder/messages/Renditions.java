package io.transcoder.messages;

import java.util.List;
import java.util.Objects;

final class Renditions {

    private Renditions() {}

    static void requireEntry(String entry, List<RenditionFile> files) {
        Objects.requireNonNull(entry, "entry");
        if (files.stream().noneMatch(file -> file.path().equals(entry))) {
            throw new IllegalArgumentException("The entry " + entry + " is not one of the rendition's files");
        }
    }
}
