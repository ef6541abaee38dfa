package io.transcoder.storage;

import jakarta.validation.constraints.NotBlank;
import java.net.URI;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Where sources and outputs are stored: one S3 bucket.
 *
 * @param endpoint the S3 API the services talk to; AWS's own when empty
 * @param publicEndpoint the S3 API as a user's browser reaches it, which download links are signed for; the
 *     {@code endpoint} when empty
 * @param accessKey with {@code secretKey}, static credentials; AWS's default credential chain when empty
 * @param pathStyle path-style addressing ({@code host/bucket/key}), which MinIO and s3proxy need
 * @param createBucket create the bucket at start-up when it is missing
 * @param partSize the part size of multipart uploads, which bounds the memory one upload holds
 */
@Validated
@ConfigurationProperties("transcoder.storage")
public record StorageProperties(
        @Nullable URI endpoint,
        @Nullable URI publicEndpoint,
        @DefaultValue("us-east-1") @NotBlank String region,
        @DefaultValue("transcoder") @NotBlank String bucket,
        @Nullable String accessKey,
        @Nullable String secretKey,
        @DefaultValue("true") boolean pathStyle,
        @DefaultValue("true") boolean createBucket,
        @DefaultValue("8MB") DataSize partSize) {}
