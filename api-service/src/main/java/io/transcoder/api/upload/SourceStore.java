package io.transcoder.api.upload;

import io.transcoder.storage.StorageProperties;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.async.BlockingOutputStreamAsyncRequestBody;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.utils.CancellableOutputStream;

/**
 * Uploads sources to storage as they stream in: a multipart upload in parts of {@code transcoder.storage.part-size}, so an
 * upload is never held whole in memory nor copied to a temporary file.
 */
@Component
class SourceStore {

    private static final int CHUNK = 256 * 1024;

    private final S3AsyncClient multipartClient;
    private final S3Client client;
    private final String bucket;

    SourceStore(S3AsyncClient multipartClient, S3Client client, StorageProperties storage) {
        this.multipartClient = multipartClient;
        this.client = client;
        this.bucket = storage.bucket();
    }

    /**
     * Streams {@code content} to {@code key} and answers how many bytes it stored. If reading the content fails
     * (the client went away, or the upload outgrew its limit), the exception propagates and nothing is kept.
     */
    long store(String key, String clientFileName, InputStream content) throws IOException {
        BlockingOutputStreamAsyncRequestBody body = AsyncRequestBody.forBlockingOutputStream(null);
        CompletableFuture<PutObjectResponse> put = multipartClient.putObject(request -> request
                .bucket(bucket)
                .key(key)
                .contentType("application/octet-stream")
                .metadata(Map.of("original-name", URLEncoder.encode(clientFileName, StandardCharsets.UTF_8))), body);
        long stored = 0;
        try (CancellableOutputStream out = body.outputStream()) {
            try {
                stored = copy(content, out);
            } catch (IOException e) {
                // reading the client's upload failed: it broke off, or outgrew its limit
                out.cancel();
                abandon(put, key, e);
                throw e;
            }
        } catch (RuntimeException e) {
            RuntimeException failure = storageFailure(put, e);
            abandon(put, key, failure);
            throw failure;
        }
        try {
            put.join();
            return stored;
        } catch (RuntimeException e) {
            RuntimeException failure = storageFailure(put, e);
            abandon(put, key, failure);
            throw failure;
        }
    }

    /**
     * Hands the SDK chunks of {@value #CHUNK} bytes: the multipart parser reads 4 KB at a time, and each chunk the SDK
     * takes costs a hand-over and a copy, which at 4 KB took more of the API's time than the bytes themselves. Not
     * larger: each upload holds a chunk and the SDK's copy of it, and a chunk of half a G1 region or more is a
     * humongous object (1 MB chunks ran a 128 MB heap out of memory with 20 small uploads at once).
     */
    private static long copy(InputStream content, CancellableOutputStream out) throws IOException {
        byte[] chunk = new byte[CHUNK];
        long total = 0;
        for (int read; (read = content.readNBytes(chunk, 0, CHUNK)) > 0; total += read) {
            out.write(chunk, 0, read);
        }
        return total;
    }

    /** Where storage failed, the SDK's own exception, rather than the cancellation it caused on the way. */
    private static RuntimeException storageFailure(CompletableFuture<PutObjectResponse> put, RuntimeException e) {
        try {
            put.get(2, TimeUnit.SECONDS);
        } catch (ExecutionException failed) {
            if (failed.getCause() instanceof SdkException cause) {
                return cause;
            }
        } catch (TimeoutException | CancellationException ignored) {
            // no better explanation than e
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        return e instanceof CompletionException && e.getCause() instanceof RuntimeException cause ? cause : e;
    }

    /** The SDK aborts the multipart upload when its body fails; an upload that had completed is deleted. */
    private void abandon(CompletableFuture<PutObjectResponse> put, String key, Exception failure) {
        put.cancel(true);
        try {
            delete(key);
        } catch (RuntimeException deleteFailed) {
            failure.addSuppressed(deleteFailed);
        }
    }

    boolean exists(String key) {
        try {
            client.headObject(request -> request.bucket(bucket).key(key));
            return true;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    void delete(String key) {
        client.deleteObject(request -> request.bucket(bucket).key(key));
    }
}
