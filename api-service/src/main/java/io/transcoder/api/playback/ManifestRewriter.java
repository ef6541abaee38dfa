package io.transcoder.api.playback;

import io.transcoder.formats.Hls;
import io.transcoder.formats.Storyboard;
import io.transcoder.messages.RenditionFile;
import io.transcoder.messages.StoredRendition;

/**
 * Rewrites a stored manifest so that a player without credentials can follow it from private storage: an HLS
 * playlist's references, a storyboard's cues. What the links are is the {@link Signer}'s business; this knows
 * nothing of HTTP or S3.
 */
final class ManifestRewriter {

    private ManifestRewriter() {}

    /**
     * @throws io.transcoder.api.problems.ApiException {@code broken-manifest} when it names anything that is not a
     *     file of the rendition
     */
    static String rewrite(String text, StoredRendition rendition, RenditionFile manifest, Signer signer) {
        References references = new References(rendition, manifest.path(), signer);
        return switch (manifest.mediaType()) {
            case Hls.MEDIA_TYPE -> PlaylistRewriter.rewrite(text, references);
            case Storyboard.MEDIA_TYPE -> CueRewriter.rewrite(text, references);
            default -> throw new IllegalArgumentException("Not a manifest: " + manifest.path());
        };
    }
}
