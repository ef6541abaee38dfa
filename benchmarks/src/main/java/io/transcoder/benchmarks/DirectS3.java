package io.transcoder.benchmarks;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/** The baseline of an upload: the same bytes straight to the same S3 server, as the AWS SDK's multipart upload. */
final class DirectS3 implements AutoCloseable {

    private final S3AsyncClient s3;

    DirectS3(URI endpoint) {
        s3 = S3AsyncClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create("transcoder", "transcoder-secret")))
                .multipartEnabled(true)
                .build();
    }

    Duration upload(Path file, String key) {
        long start = System.nanoTime();
        s3.putObject(b -> b.bucket("transcoder").key(key), AsyncRequestBody.fromFile(file)).join();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        s3.deleteObject(b -> b.bucket("transcoder").key(key)).join();
        return took;
    }

    @Override
    public void close() {
        s3.close();
    }
}
