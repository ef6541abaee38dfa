package io.transcoder.storage;

import io.transcoder.messages.StoredRendition;
import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Download links for outputs: presigned GETs that work in a browser without credentials, allow nothing but GET on
 * their one object, expire, and make the browser save the file under its name. Both the api-service (in a job's
 * answer) and the notifier-service (in the email) hand them out.
 *
 * <p>A link is signed only for an object of the job's own outputs, and never for longer than {@link #MAX_TTL}: a
 * message or a job record that named another key (a bug, or a forged message) must not become a link to it.
 */
public class DownloadLinks {

    /** The longest a SigV4 presigned URL may live. */
    public static final Duration MAX_TTL = Duration.ofDays(7);

    private final S3Presigner presigner;
    private final String bucket;

    public DownloadLinks(S3Presigner presigner, String bucket) {
        this.presigner = presigner;
        this.bucket = bucket;
    }

    /** A link to the rendition's entry file. */
    public URI download(String jobId, StoredRendition rendition, Duration validFor) {
        String key = rendition.key(rendition.entryFile());
        if (!key.startsWith(StorageKeys.outputs(jobId)) || key.contains("..")) {
            throw new IllegalArgumentException("Not an output of job " + jobId + ": " + key);
        }
        if (validFor.isNegative() || validFor.isZero() || validFor.compareTo(MAX_TTL) > 0) {
            throw new IllegalArgumentException("A download link lives between 1 s and " + MAX_TTL + ", not " + validFor);
        }
        return URI.create(presigner.presignGetObject(request -> request
                        .signatureDuration(validFor)
                        .getObjectRequest(get -> get
                                .bucket(bucket)
                                .key(key)
                                .responseContentDisposition(StorageKeys.attachment(rendition.entryFile().name()))))
                .url()
                .toString());
    }
}
