package io.transcoder.formats;

import io.transcoder.messages.RenditionKind;

/** How the encoder makes one format's rendition. */
public sealed interface Recipe permits Progressive, Hls, Thumbnail, Storyboard {

    RenditionKind kind();

    /** The media type of the rendition's entry file. */
    String mediaType();
}
