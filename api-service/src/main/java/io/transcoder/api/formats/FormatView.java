package io.transcoder.api.formats;

import io.transcoder.formats.Format;
import io.transcoder.messages.RenditionKind;

/**
 * A format as the API describes it: what it is for, what kind of rendition it makes, and the media type of the file
 * its link opens (for {@code hls} the master playlist, for {@code storyboard} its WebVTT cues).
 */
public record FormatView(String id, String description, RenditionKind kind, String mediaType) {

    static FormatView of(String id, Format format) {
        return new FormatView(id, format.description(), format.kind(), format.mediaType());
    }
}
