package io.transcoder.uploader.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

import io.transcoder.storage.StorageProperties;
import io.transcoder.uploader.UploaderProperties;
import io.transcoder.uploader.storage.JobObjects.ObjectFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

class JobObjectsTests {

    @TempDir
    Path directory;

    private final S3AsyncClient multipartClient = mock(S3AsyncClient.class);
    private final JobObjects objects = new JobObjects(multipartClient, mock(S3Client.class),
            new StorageProperties(null, null, "us-east-1", "bucket", null, null, true, false, DataSize.ofMegabytes(8)),
            new UploaderProperties(Duration.ofMinutes(15), Duration.ofHours(6), Duration.ofHours(12), 3));
    private final List<CompletableFuture<PutObjectResponse>> puts = new ArrayList<>();

    @Test
    void storesEveryFileWithNoMoreThanTheConfiguredNumberUnderWayAtOnce() throws IOException {
        AtomicInteger underWay = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        answerPuts(() -> {
            most.accumulateAndGet(underWay.incrementAndGet(), Math::max);
            return CompletableFuture.supplyAsync(() -> {
                underWay.decrementAndGet();
                return PutObjectResponse.builder().build();
            }, CompletableFuture.delayedExecutor(5, TimeUnit.MILLISECONDS));
        });

        objects.putAll(files(20));

        assertThat(puts).hasSize(20).allMatch(CompletableFuture::isDone);
        assertThat(most).hasValue(3);
    }

    @Test
    void startsNoFurtherFileOnceOneFailedAndWaitsForThoseUnderWay() throws IOException {
        S3Exception refused = (S3Exception) S3Exception.builder().message("refused").statusCode(403).build();
        AtomicInteger calls = new AtomicInteger();
        answerPuts(() -> calls.incrementAndGet() == 2
                ? CompletableFuture.failedFuture(refused)
                : CompletableFuture.supplyAsync(() -> PutObjectResponse.builder().build(),
                        CompletableFuture.delayedExecutor(20, TimeUnit.MILLISECONDS)));

        List<ObjectFile> files = files(20);

        assertThatExceptionOfType(S3Exception.class).isThrownBy(() -> objects.putAll(files)).isSameAs(refused);

        assertThat(puts).hasSize(2).allMatch(CompletableFuture::isDone);
    }

    @Test
    void letsAnOutageOfStorageEscapeAsTheSdksOwnException() throws IOException {
        SdkClientException refused = SdkClientException.create("Unable to execute HTTP request: Connection refused");
        answerPuts(() -> CompletableFuture.failedFuture(new CompletionException(refused)));

        List<ObjectFile> files = files(3);

        assertThatExceptionOfType(SdkClientException.class).isThrownBy(() -> objects.putAll(files)).isSameAs(refused);
    }

    @SuppressWarnings("unchecked")
    private void answerPuts(Supplier<CompletableFuture<PutObjectResponse>> put) {
        given(multipartClient.putObject(any(Consumer.class), any(AsyncRequestBody.class))).willAnswer(invocation -> {
            CompletableFuture<PutObjectResponse> future = put.get();
            puts.add(future);
            return future;
        });
    }

    private List<ObjectFile> files(int count) throws IOException {
        List<ObjectFile> files = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String name = "seg_%03d.m4s".formatted(i);
            Path file = Files.writeString(directory.resolve(name), "segment " + i);
            files.add(new ObjectFile("outputs/j1/hls/720p/" + name, file, "video/iso.segment", name));
        }
        return files;
    }
}
