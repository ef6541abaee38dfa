package io.transcoder.api.playback;

import io.transcoder.api.problems.ApiException;
import io.transcoder.storage.StorageProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/** Reads manifests from the bucket: small text files, read whole, but never more than {@link #MAX_BYTES}. */
@Component
class ManifestStore {

    /** Far more than any playlist or storyboard the encoder writes (a ten-hour rung's playlist is some 300 KB). */
    static final int MAX_BYTES = 1024 * 1024;

    private static final Logger log = LoggerFactory.getLogger(ManifestStore.class);

    private final S3Client s3;
    private final String bucket;

    ManifestStore(S3Client s3, StorageProperties storage) {
        this.s3 = s3;
        this.bucket = storage.bucket();
    }

    /** The manifest's text (UTF-8, as HLS and WebVTT require). */
    String read(String key) {
        try (ResponseInputStream<GetObjectResponse> object = s3.getObject(get -> get.bucket(bucket).key(key))) {
            Long length = object.response().contentLength();
            if (length != null && length > MAX_BYTES) {
                throw tooLarge(object, key);
            }
            byte[] bytes = object.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw tooLarge(object, key);
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (NoSuchKeyException e) {
            throw ApiException.outputNotFound(); // deleted from storage while the job's record lives on
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + key, e);
        }
    }

    private static ApiException tooLarge(ResponseInputStream<?> object, String key) {
        object.abort(); // rather than drain the rest on closing
        log.error("Refused to serve {}: larger than {} bytes", key, MAX_BYTES);
        return ApiException.brokenManifest();
    }
}
