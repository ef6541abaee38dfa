package io.transcoder.downloader.download;

import io.transcoder.storage.StorageProperties;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** The sources in storage. */
@Component
class SourceObjects {

    private final S3Client s3;
    private final String bucket;

    SourceObjects(S3Client s3, StorageProperties storage) {
        this.s3 = s3;
        this.bucket = storage.bucket();
    }

    /** The object's size, read without fetching it; empty if there is no such object. */
    OptionalLong size(String key) {
        try {
            return OptionalLong.of(s3.headObject(request -> request.bucket(bucket).key(key)).contentLength());
        } catch (S3Exception e) {
            // a HEAD answer has no body to name the error: a missing key is a bare 404
            if (e.statusCode() == 404) {
                return OptionalLong.empty();
            }
            throw e;
        }
    }

    /** Streams the object at {@code key} into {@code target}, which must not exist yet. */
    void download(String key, Path target) {
        try {
            s3.getObject(request -> request.bucket(bucket).key(key), ResponseTransformer.toFile(target));
        } catch (NoSuchKeyException e) {
            throw DownloadException.sourceMissing(e);
        }
    }
}
