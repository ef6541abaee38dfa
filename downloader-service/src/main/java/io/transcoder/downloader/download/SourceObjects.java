package io.transcoder.downloader.download;

import io.transcoder.messaging.UnavailableException;
import io.transcoder.storage.StorageProperties;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.OptionalLong;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** The sources in storage. */
@Component
class SourceObjects {

    private static final int BUFFER_SIZE = 64 * 1024;

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

    /**
     * Streams the object at {@code key} into {@code target}, which must not exist yet. Storage that cannot be reached,
     * answers 5xx or breaks off the transfer is an outage, escaping as such so that the job waits for it; a missing
     * object fails the job; the volume refusing the bytes is an error of the volume (SDK's own file transformer would
     * call that an outage of storage too).
     */
    void download(String key, Path target) {
        ResponseInputStream<GetObjectResponse> object;
        try {
            object = s3.getObject(request -> request.bucket(bucket).key(key));
        } catch (NoSuchKeyException e) {
            throw DownloadException.sourceMissing(e);
        }
        boolean complete = false;
        try (OutputStream file = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW)) {
            byte[] buffer = new byte[BUFFER_SIZE];
            for (int read = read(object, buffer, key); read >= 0; read = read(object, buffer, key)) {
                file.write(buffer, 0, read);
            }
            complete = true;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the source to " + target, e);
        } finally {
            finish(object, complete);
        }
    }

    // closing a stream that is not read to its end would read the rest first: a broken-off one is aborted instead
    private static void finish(ResponseInputStream<GetObjectResponse> object, boolean complete) {
        if (!complete) {
            object.abort();
            return;
        }
        try {
            object.close();
        } catch (IOException e) {
            // every byte is in the file: the connection's fate is no concern of the job
        }
    }

    private static int read(InputStream object, byte[] buffer, String key) {
        try {
            return object.read(buffer);
        } catch (IOException e) {
            throw new UnavailableException("Storage", new IOException("The download of " + key + " broke off", e));
        }
    }
}
