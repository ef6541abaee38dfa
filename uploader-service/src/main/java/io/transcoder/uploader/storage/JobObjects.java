package io.transcoder.uploader.storage;

import io.transcoder.storage.StorageKeys;
import io.transcoder.storage.StorageProperties;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;

/**
 * A job's objects in storage: its renditions, uploaded in parts so that no size limit of a single PUT applies, and
 * the removal of what the job no longer needs.
 */
@Component
public class JobObjects {

    private static final Logger log = LoggerFactory.getLogger(JobObjects.class);

    private final S3AsyncClient multipartClient;
    private final S3Client client;
    private final String bucket;

    JobObjects(S3AsyncClient multipartClient, S3Client client, StorageProperties storage) {
        this.multipartClient = multipartClient;
        this.client = client;
        this.bucket = storage.bucket();
    }

    /** Stores the file at {@code key} (replacing an earlier attempt's) and answers its size. */
    public long put(String key, Path file, String mediaType, String fileName) {
        multipartClient.putObject(request -> request
                        .bucket(bucket)
                        .key(key)
                        .contentType(mediaType)
                        .contentDisposition(StorageKeys.attachment(fileName)),
                AsyncRequestBody.fromFile(file)).join();
        return file.toFile().length();
    }

    /** Removes the uploaded source, which no stage needs once the job has ended. */
    public void deleteSource(String jobId) {
        deletePrefix(StorageKeys.sources(jobId));
    }

    /** Removes the renditions stored so far, which a failed job will never hand out. */
    public void deleteOutputs(String jobId) {
        deletePrefix(StorageKeys.outputs(jobId));
    }

    private void deletePrefix(String prefix) {
        client.listObjectsV2Paginator(list -> list.bucket(bucket).prefix(prefix)).forEach(page -> {
            List<ObjectIdentifier> objects = page.contents().stream()
                    .map(object -> ObjectIdentifier.builder().key(object.key()).build())
                    .toList();
            if (!objects.isEmpty()) {
                DeleteObjectsResponse response =
                        client.deleteObjects(delete -> delete.bucket(bucket).delete(batch -> batch.objects(objects)));
                if (!response.errors().isEmpty()) {
                    throw new IllegalStateException("Could not delete " + response.errors());
                }
                log.info("Deleted {} objects under {}", objects.size(), prefix);
            }
        });
    }
}
