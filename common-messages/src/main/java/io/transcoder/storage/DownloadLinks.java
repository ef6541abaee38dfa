package io.transcoder.storage;

import io.transcoder.formats.Hls;
import io.transcoder.formats.Storyboard;
import io.transcoder.messages.RenditionFile;
import io.transcoder.messages.StoredRendition;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Links to outputs that work without credentials, allow nothing but GET, and expire. Both the api-service (in a job's
 * answer) and the notifier-service (in the email) hand them out.
 *
 * <p>A file is a presigned GET of its one object that makes a browser save it under its name. A manifest (an HLS
 * playlist, a storyboard's cues) names other files by relative URL, which private storage would refuse: its link is
 * a {@link ManifestLinks signed api-service URL}, and the api-service serves it with the files it names presigned.
 *
 * <p>A link is signed only for an object of the job's own outputs, and never for longer than {@link #MAX_TTL}: a
 * message or a job record that named another key (a bug, or a forged message) must not become a link to it.
 */
public class DownloadLinks {

    /** The longest a SigV4 presigned URL may live. */
    public static final Duration MAX_TTL = Duration.ofDays(7);

    private static final Set<String> MANIFESTS = Set.of(Hls.MEDIA_TYPE, Storyboard.MEDIA_TYPE);

    private final S3Presigner presigner;
    private final String bucket;
    private final ManifestLinks manifests;
    private final Clock clock;

    public DownloadLinks(S3Presigner presigner, String bucket, ManifestLinks manifests, Clock clock) {
        this.presigner = presigner;
        this.bucket = bucket;
        this.manifests = manifests;
        this.clock = clock;
    }

    /** A link to the rendition's entry file. */
    public URI download(String jobId, StoredRendition rendition, Duration validFor) {
        return download(jobId, rendition, rendition.entryFile(), validFor);
    }

    /** A link to one file of the rendition. */
    public URI download(String jobId, StoredRendition rendition, RenditionFile file, Duration validFor) {
        requireValidity(validFor);
        if (isManifest(file)) {
            return manifests.link(jobId, rendition.format(), file.path(), clock.instant().plus(validFor));
        }
        return presign(jobId, rendition, file, validFor, true);
    }

    /**
     * A presigned GET of a file a manifest names (a segment, a sprite), valid until the manifest's link expires and
     * served as it is rather than as an attachment.
     */
    public URI embedded(String jobId, StoredRendition rendition, RenditionFile file, Instant expires) {
        Duration validFor = Duration.between(clock.instant(), expires);
        requireValidity(validFor);
        return presign(jobId, rendition, file, validFor, false);
    }

    public static boolean isManifest(RenditionFile file) {
        return MANIFESTS.contains(file.mediaType());
    }

    private URI presign(String jobId, StoredRendition rendition, RenditionFile file, Duration validFor,
            boolean attachment) {
        String key = rendition.key(file);
        if (!key.startsWith(StorageKeys.outputs(jobId)) || key.contains("..")) {
            throw new IllegalArgumentException("Not an output of job " + jobId + ": " + key);
        }
        return URI.create(presigner.presignGetObject(request -> request
                        .signatureDuration(validFor)
                        .getObjectRequest(get -> {
                            get.bucket(bucket).key(key);
                            if (attachment) {
                                get.responseContentDisposition(StorageKeys.attachment(file.name()));
                            }
                        }))
                .url()
                .toString());
    }

    private static void requireValidity(Duration validFor) {
        if (validFor.isNegative() || validFor.isZero() || validFor.compareTo(MAX_TTL) > 0) {
            throw new IllegalArgumentException("A download link lives between 1 s and " + MAX_TTL + ", not " + validFor);
        }
    }
}
