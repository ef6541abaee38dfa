package io.transcoder.api.formats;

import io.transcoder.formats.Format;

/** A format as the API describes it. */
public record FormatView(
        String id, String description, String container, String extension, String mediaType,
        String videoCodec, String audioCodec) {

    static FormatView of(String id, Format format) {
        return new FormatView(id, format.description(), format.container(), format.extension(), format.mediaType(),
                format.videoCodec(), format.audioCodec());
    }
}
