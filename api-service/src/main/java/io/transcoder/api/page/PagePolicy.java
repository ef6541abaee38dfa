package io.transcoder.api.page;

import io.transcoder.storage.LinkProperties;
import io.transcoder.storage.StorageProperties;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.S3Utilities;

/**
 * The Content-Security-Policy the page runs under: its own scripts and styles only (no inline code, no eval), its own
 * origin for everything, and besides that only what its results need: the storage that download links are signed
 * for (videos, the poster, storyboard sprites, HLS segments), the api-service's public address that playlist and
 * storyboard links point at, and {@code blob:} media, which is how hls.js feeds the video element (Media Source
 * Extensions). Never framed.
 */
public final class PagePolicy {

    private PagePolicy() {}

    /** The header's value; either setting may be absent where the context has no storage (a web slice test). */
    public static String contentSecurityPolicy(@Nullable StorageProperties storage, @Nullable LinkProperties links) {
        Set<String> results = new LinkedHashSet<>();
        if (storage != null) {
            results.add(storageOrigin(storage));
        }
        Set<String> manifests = new LinkedHashSet<>(results);
        if (links != null) {
            manifests.add(origin(links.publicUrl()));
        }
        return "default-src 'self'; script-src 'self'; style-src 'self'; "
                + "img-src 'self' data:" + list(results) + "; "
                + "media-src 'self' blob:" + list(manifests) + "; "
                + "connect-src 'self'" + list(manifests) + "; "
                + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    }

    /**
     * The origin of the links the presigner makes: the public endpoint, else the endpoint, else AWS's for the region,
     * with the bucket in the host unless path-style. The SDK's own rules say which, as they do for the presigner.
     */
    static String storageOrigin(StorageProperties storage) {
        URI endpoint = storage.publicEndpoint() != null ? storage.publicEndpoint() : storage.endpoint();
        S3Utilities.Builder utilities = S3Utilities.builder()
                .region(Region.of(storage.region()))
                .s3Configuration(S3Configuration.builder().pathStyleAccessEnabled(storage.pathStyle()).build());
        if (endpoint != null) {
            utilities.endpoint(endpoint);
        }
        return origin(URI.create(utilities.build()
                .getUrl(request -> request.bucket(storage.bucket()).key("outputs/any"))
                .toExternalForm()));
    }

    static String origin(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }

    private static String list(Set<String> origins) {
        return origins.stream().map(origin -> " " + origin).reduce("", String::concat);
    }
}
