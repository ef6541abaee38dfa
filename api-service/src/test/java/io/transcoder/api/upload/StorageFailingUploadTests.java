package io.transcoder.api.upload;

import static org.assertj.core.api.Assertions.assertThat;

import io.transcoder.storage.StorageProperties;
import io.transcoder.test.TestInfrastructure;
import io.transcoder.test.TranscoderTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.bean.override.convention.TestBean;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;
import tools.jackson.databind.json.JsonMapper;

/** Storage that fails while a video streams in: the client hears 503, and storage keeps nothing of it. */
@TranscoderTest(webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {"api.max-upload-size=12MB", "transcoder.storage.part-size=5MB"})
class StorageFailingUploadTests {

    private static final FirstPartOnly STORAGE = new FirstPartOnly();

    @LocalServerPort
    int port;

    @TestBean
    S3AsyncClient s3MultipartClient;

    @Autowired
    S3Client s3;

    @Autowired
    StorageProperties storage;

    @Autowired
    JsonMapper json;

    static S3AsyncClient s3MultipartClient() {
        Map<String, String> test = TestInfrastructure.properties();
        return S3AsyncClient.builder()
                .region(Region.of(test.get("transcoder.storage.region")))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        test.get("transcoder.storage.access-key"), test.get("transcoder.storage.secret-key"))))
                .forcePathStyle(true)
                .endpointOverride(URI.create(test.get("transcoder.storage.endpoint")))
                .multipartEnabled(true)
                .multipartConfiguration(multipart -> multipart.minimumPartSizeInBytes(5L << 20).thresholdInBytes(5L << 20))
                .overrideConfiguration(override -> override.addExecutionInterceptor(STORAGE))
                .build();
    }

    @Test
    void answersServiceUnavailableWhenStorageFailsAfterThePartsBeganAndKeepsNothing() {
        Set<String> sourcesBefore = Uploads.storedSources(s3, storage.bucket());

        ApiClient.Answer answer = new ApiClient(port, json).submit(Uploads.form("big.mp4", Uploads.bytes(11 << 20)));

        assertThat(STORAGE.parts.get()).as("parts were sent before storage failed").isGreaterThan(1);
        assertThat(answer.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(answer.body().get("detail").asString()).isEqualTo("Storage is unavailable right now. Try again later.");
        assertThat(answer.body().get("type").asString()).endsWith("/problems/unavailable");
        assertThat(Uploads.storedSources(s3, storage.bucket())).isEqualTo(sourcesBefore);
        assertThat(s3.listMultipartUploads(list -> list.bucket(storage.bucket())).uploads())
                .as("the multipart upload is aborted, not left to occupy storage")
                .isEmpty();
    }

    /** Lets an upload's first part through and sends every later part to a port nobody listens on. */
    private static final class FirstPartOnly implements ExecutionInterceptor {

        private final int closedPort = closedPort();
        private final AtomicInteger parts = new AtomicInteger();

        @Override
        public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
            boolean laterPart = context.request() instanceof UploadPartRequest && parts.incrementAndGet() > 1;
            return laterPart ? context.httpRequest().toBuilder().port(closedPort).build() : context.httpRequest();
        }

        private static int closedPort() {
            try (ServerSocket socket = new ServerSocket(0)) {
                return socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
