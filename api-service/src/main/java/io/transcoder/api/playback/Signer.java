package io.transcoder.api.playback;

import io.transcoder.messages.RenditionFile;
import java.net.URI;

/** How a served manifest names what it refers to; every link it makes expires with the manifest's own link. */
interface Signer {

    /** The query ({@code expires=...&signature=...}) that opens the rendition's manifest at {@code path}. */
    String manifestQuery(String path);

    /** A URL that fetches a file of the rendition that is not a manifest (a segment, a sprite) as it is. */
    URI file(RenditionFile file);
}
