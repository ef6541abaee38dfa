package io.transcoder.notifier.notification;

import io.transcoder.messages.RenditionFile;
import io.transcoder.messages.StoredRendition;
import java.net.URI;
import java.time.Instant;
import java.util.List;

/**
 * The links an email gives for one rendition, each working without credentials until {@code expiresAt}.
 *
 * @param entry the link to the rendition's entry file: the video, the poster, a storyboard's cues, an HLS ladder's
 *     master playlist
 * @param files links to the other files worth a link of their own (a storyboard's sprite sheet), in the rendition's
 *     order; never an HLS segment, which a player reaches through the playlist
 */
record RenditionLinks(StoredRendition rendition, URI entry, List<FileLink> files, Instant expiresAt) {

    RenditionLinks {
        files = List.copyOf(files);
    }

    record FileLink(RenditionFile file, URI url) {}
}
