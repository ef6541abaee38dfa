package io.transcoder.uploader.storage;

import io.transcoder.storage.StorageKeys;
import io.transcoder.storage.StorageProperties;
import io.transcoder.uploader.UploaderProperties;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A job's objects in storage: its renditions' files, several at once and each uploaded in parts so that no size
 * limit of a single PUT applies, and the removal of what the job no longer needs.
 */
@Component
public class JobObjects {

    private static final Logger log = LoggerFactory.getLogger(JobObjects.class);
    private static final String SOURCES = "sources/";

    private final S3AsyncClient multipartClient;
    private final S3Client client;
    private final String bucket;
    private final int parallelUploads;

    JobObjects(S3AsyncClient multipartClient, S3Client client, StorageProperties storage,
            UploaderProperties uploader) {
        this.multipartClient = multipartClient;
        this.client = client;
        this.bucket = storage.bucket();
        this.parallelUploads = uploader.parallelUploads();
    }

    /**
     * Stores every file (replacing an earlier attempt's), at most {@code uploader.parallel-uploads} at a time, and
     * returns once all are stored. When one fails no further one starts; those under way are waited for, so none
     * lands after the caller has moved on, and the first failure is thrown.
     */
    public void putAll(List<ObjectFile> files) {
        Semaphore slots = new Semaphore(parallelUploads);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<CompletableFuture<?>> started = new ArrayList<>();
        try {
            for (ObjectFile file : files) {
                slots.acquire();
                if (failure.get() != null) {
                    break;
                }
                started.add(put(file).whenComplete((response, error) -> {
                    if (error != null) {
                        failure.compareAndSet(null, error);
                    }
                    slots.release();
                }));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure.compareAndSet(null, e);
        } catch (RuntimeException e) {
            failure.compareAndSet(null, e);
        } finally {
            started.forEach(put -> put.handle((response, error) -> null).join());
        }
        Throwable error = failure.get();
        if (error != null) {
            throw failed(error);
        }
    }

    private CompletableFuture<?> put(ObjectFile file) {
        return multipartClient.putObject(request -> request
                        .bucket(bucket)
                        .key(file.key())
                        .contentType(file.mediaType())
                        .contentDisposition(StorageKeys.attachment(file.fileName())),
                AsyncRequestBody.fromFile(file.path()));
    }

    /**
     * The error itself, not the future's wrapping of it: an SDK exception must escape as it is, so that an outage of
     * storage is told from a refusal.
     */
    private static RuntimeException failed(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof RuntimeException runtime) {
            return runtime;
        }
        if (cause instanceof Error fatal) {
            throw fatal;
        }
        return new IllegalStateException("Could not store the job's files", cause);
    }

    /** Removes the uploaded source, which no stage needs once the job has ended. */
    public void deleteSource(String jobId) {
        deletePrefix(StorageKeys.sources(jobId));
    }

    /** Removes every rendition of the job, of every attempt. */
    public void deleteOutputs(String jobId) {
        deletePrefix(StorageKeys.outputs(jobId));
    }

    /** Removes one format's rendition, leaving the job's other renditions alone. */
    public void deleteRendition(String jobId, String format) {
        deletePrefix(StorageKeys.rendition(jobId, format));
    }

    /**
     * Every object under {@code sources/}, a page (at most a thousand) at a time as the listing goes: never the whole
     * bucket in memory. The stream lists lazily, so a consumer may delete what a page holds before the next is read.
     */
    public Stream<List<StoredSource>> sourcePages() {
        return client.listObjectsV2Paginator(list -> list.bucket(bucket).prefix(SOURCES)).stream()
                .map(page -> page.contents().stream()
                        .map(object -> StoredSource.of(object.key(), object.lastModified()))
                        .flatMap(Optional::stream)
                        .toList());
    }

    /** Removes these objects, a page of them at most. */
    public void delete(List<String> keys) {
        if (keys.isEmpty()) {
            return;
        }
        List<ObjectIdentifier> objects = keys.stream().map(key -> ObjectIdentifier.builder().key(key).build()).toList();
        DeleteObjectsResponse response =
                client.deleteObjects(delete -> delete.bucket(bucket).delete(batch -> batch.objects(objects)));
        if (!response.errors().isEmpty()) {
            throw new IllegalStateException("Could not delete " + response.errors());
        }
    }

    private void deletePrefix(String prefix) {
        client.listObjectsV2Paginator(list -> list.bucket(bucket).prefix(prefix)).forEach(page -> {
            List<String> keys = page.contents().stream().map(S3Object::key).toList();
            if (!keys.isEmpty()) {
                delete(keys);
                log.info("Deleted {} objects under {}", keys.size(), prefix);
            }
        });
    }

    /**
     * One file to store.
     *
     * @param key its object key
     * @param path where it lies in the work volume
     * @param mediaType the Content-Type storage serves it with
     * @param fileName the name a browser saves it under
     */
    public record ObjectFile(String key, Path path, String mediaType, String fileName) {}

    /** An object of a job's source, {@code sources/{jobId}/...}. */
    public record StoredSource(String jobId, String key, Instant lastModified) {

        static Optional<StoredSource> of(String key, Instant lastModified) {
            int end = key.indexOf('/', SOURCES.length());
            return end < 0 ? Optional.empty()
                    : Optional.of(new StoredSource(key.substring(SOURCES.length(), end), key, lastModified));
        }
    }
}
