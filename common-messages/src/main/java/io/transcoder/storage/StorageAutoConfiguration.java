package io.transcoder.storage;

import java.net.URI;
import java.time.Clock;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** The S3 clients of the services that use storage, all configured from {@link StorageProperties}. */
@AutoConfiguration
@ConditionalOnClass(S3Client.class)
@EnableConfigurationProperties({StorageProperties.class, LinkProperties.class})
public class StorageAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    AwsCredentialsProvider storageCredentials(StorageProperties storage) {
        if (storage.accessKey() != null && storage.secretKey() != null) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(storage.accessKey(), storage.secretKey()));
        }
        return DefaultCredentialsProvider.builder().build();
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    S3Client s3Client(StorageProperties storage, AwsCredentialsProvider credentials) {
        var builder = S3Client.builder()
                .region(Region.of(storage.region()))
                .credentialsProvider(credentials)
                .forcePathStyle(storage.pathStyle());
        if (storage.endpoint() != null) {
            builder.endpointOverride(storage.endpoint());
        }
        S3Client client = builder.build();
        if (storage.createBucket()) {
            createBucketIfMissing(client, storage.bucket());
        }
        return client;
    }

    /**
     * Uploads of unknown or large size, in parts of {@code transcoder.storage.part-size}: streamed sources and
     * outputs beyond a single PUT's 5 GB. Lazy, so services that only read never start its event loop.
     */
    @Bean(destroyMethod = "close")
    @Lazy
    @ConditionalOnMissingBean
    S3AsyncClient s3MultipartClient(StorageProperties storage, AwsCredentialsProvider credentials) {
        long partSize = storage.partSize().toBytes();
        var builder = S3AsyncClient.builder()
                .region(Region.of(storage.region()))
                .credentialsProvider(credentials)
                .forcePathStyle(storage.pathStyle())
                .multipartEnabled(true)
                .multipartConfiguration(multipart -> multipart.minimumPartSizeInBytes(partSize).thresholdInBytes(partSize));
        if (storage.endpoint() != null) {
            builder.endpointOverride(storage.endpoint());
        }
        return builder.build();
    }

    /** Signs download links for the address a user's browser reaches storage at. */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    S3Presigner s3Presigner(StorageProperties storage, AwsCredentialsProvider credentials) {
        var builder = S3Presigner.builder()
                .region(Region.of(storage.region()))
                .credentialsProvider(credentials)
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(storage.pathStyle()).build());
        URI endpoint = storage.publicEndpoint() != null ? storage.publicEndpoint() : storage.endpoint();
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder.build();
    }

    /** Lazy: only the services that hand out or serve links need a signing key, and they fail at start without. */
    @Bean
    @Lazy
    @ConditionalOnMissingBean
    ManifestLinks manifestLinks(LinkProperties links) {
        return new ManifestLinks(links, Clock.systemUTC());
    }

    @Bean
    @Lazy
    @ConditionalOnMissingBean
    DownloadLinks downloadLinks(S3Presigner presigner, StorageProperties storage, ManifestLinks manifests) {
        return new DownloadLinks(presigner, storage.bucket(), manifests, Clock.systemUTC());
    }

    private static void createBucketIfMissing(S3Client client, String bucket) {
        try {
            client.headBucket(request -> request.bucket(bucket));
        } catch (NoSuchBucketException e) {
            try {
                client.createBucket(request -> request.bucket(bucket));
            } catch (BucketAlreadyOwnedByYouException raced) {
                // another service created it a moment ago
            }
        }
    }
}
