package io.transcoder.uploader.upload;

import io.transcoder.TranscoderProperties;
import io.transcoder.formats.Format;
import io.transcoder.storage.StorageProperties;
import java.nio.file.Path;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/** The outputs in storage, uploaded in parts so that no size limit of a single PUT applies. */
@Component
class OutputObjects {

    private final S3AsyncClient multipartClient;
    private final TranscoderProperties transcoder;
    private final String bucket;

    OutputObjects(S3AsyncClient multipartClient, TranscoderProperties transcoder, StorageProperties storage) {
        this.multipartClient = multipartClient;
        this.transcoder = transcoder;
        this.bucket = storage.bucket();
    }

    /** Stores the file at {@code key} (replacing an earlier attempt's) and answers its size. */
    long put(String key, Path file, String format, String fileName) {
        Format settings = transcoder.formats().get(format);
        String mediaType = settings == null ? "application/octet-stream" : settings.mediaType();
        multipartClient.putObject(request -> request
                        .bucket(bucket)
                        .key(key)
                        .contentType(mediaType)
                        .contentDisposition("attachment; filename=\"" + fileName + "\""),
                AsyncRequestBody.fromFile(file)).join();
        return file.toFile().length();
    }
}
