package io.transcoder.api.playback;

import io.transcoder.api.problems.ApiException;
import io.transcoder.messages.RenditionFile;
import io.transcoder.messages.StoredRendition;
import io.transcoder.storage.DownloadLinks;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The references of one manifest, resolved against its own folder inside its rendition. Only a file of the
 * rendition is ever signed: anything else (an absolute URL, a path that climbs out, a name the rendition lacks) can
 * only be a bug or tampering in storage, and refuses the whole manifest.
 */
final class References {

    private static final Logger log = LoggerFactory.getLogger(References.class);
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");
    private static final int MAX_LOGGED = 200;

    private final StoredRendition rendition;
    private final String manifest;
    private final Signer signer;

    References(StoredRendition rendition, String manifest, Signer signer) {
        this.rendition = rendition;
        this.manifest = manifest;
        this.signer = signer;
    }

    /**
     * A link to the file the reference names: for a manifest the reference as written with its signed query, which
     * stays relative so that it works behind any proxy; for another file its URL in storage.
     */
    String link(String reference) {
        RenditionFile file = resolve(reference).orElseThrow(() -> refuse(reference));
        return DownloadLinks.isManifest(file)
                ? reference + "?" + signer.manifestQuery(file.path())
                : signer.file(file).toString();
    }

    /** The storage URL of the file, not a manifest, that the reference names. */
    String fileLink(String reference) {
        RenditionFile file = resolve(reference)
                .filter(found -> !DownloadLinks.isManifest(found))
                .orElseThrow(() -> refuse(reference));
        return signer.file(file).toString();
    }

    /** The file of the rendition that a relative reference (no scheme, query or fragment) names. */
    Optional<RenditionFile> resolve(String reference) {
        if (reference.isEmpty() || SCHEME.matcher(reference).find() || reference.startsWith("/")
                || reference.contains("\\") || reference.contains("?") || reference.contains("#")) {
            return Optional.empty();
        }
        Deque<String> path = new ArrayDeque<>();
        String[] folder = manifest.split("/");
        for (int i = 0; i < folder.length - 1; i++) {
            path.addLast(folder[i]);
        }
        for (String part : reference.split("/", -1)) {
            if (part.equals("..")) {
                if (path.isEmpty()) {
                    return Optional.empty();
                }
                path.removeLast();
            } else if (part.isEmpty()) {
                return Optional.empty();
            } else if (!part.equals(".")) {
                path.addLast(part);
            }
        }
        String resolved = String.join("/", path);
        return rendition.files().stream().filter(file -> file.path().equals(resolved)).findFirst();
    }

    ApiException refuse(String reference) {
        String printable = reference.replaceAll("\\p{Cntrl}", "?");
        log.error("Refused to serve {}{}: it names '{}', not a file of its rendition that it may name",
                rendition.prefix(), manifest,
                printable.length() > MAX_LOGGED ? printable.substring(0, MAX_LOGGED) + "..." : printable);
        return ApiException.brokenManifest();
    }
}
