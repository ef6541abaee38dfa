package io.transcoder.storage;

import io.transcoder.messages.StoredOutput;
import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Download links for outputs: presigned GETs that work in a browser without credentials, allow nothing but GET on
 * their one object, expire, and make the browser save the file under its name. Both the api-service (in a job's
 * answer) and the notifier-service (in the email) hand them out.
 */
public class DownloadLinks {

    private final S3Presigner presigner;
    private final String bucket;

    public DownloadLinks(S3Presigner presigner, String bucket) {
        this.presigner = presigner;
        this.bucket = bucket;
    }

    public URI download(StoredOutput output, Duration validFor) {
        String disposition = "attachment; filename=\"" + StorageKeys.safeName(output.fileName()) + "\"";
        return URI.create(presigner.presignGetObject(request -> request
                        .signatureDuration(validFor)
                        .getObjectRequest(get -> get
                                .bucket(bucket)
                                .key(output.key())
                                .responseContentDisposition(disposition)))
                .url()
                .toString());
    }
}
