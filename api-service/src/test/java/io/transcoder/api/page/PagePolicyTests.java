package io.transcoder.api.page;

import static org.assertj.core.api.Assertions.assertThat;

import io.transcoder.storage.LinkProperties;
import io.transcoder.storage.StorageProperties;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

class PagePolicyTests {

    @ParameterizedTest(name = "endpoint {0}, public endpoint {1}, path-style {2}")
    @CsvSource(nullValues = "-", value = {
            "http://127.0.0.1:9000, -, true",
            "http://minio:9000, https://media.example.org, true",
            "http://minio:9000, https://storage.example.org:8443, false",
            "-, -, true",
            "-, -, false"})
    void allowsTheOriginThatDownloadLinksAreSignedFor(@Nullable URI endpoint, @Nullable URI publicEndpoint,
            boolean pathStyle) {
        StorageProperties storage = storage(endpoint, publicEndpoint, pathStyle);

        assertThat(PagePolicy.storageOrigin(storage)).isEqualTo(originOfAPresignedLink(storage));
    }

    @Test
    void letsThePageLoadResultsFromStorageAndManifestsFromThePublicAddressButRunOnlyItsOwnCode() {
        Map<String, List<String>> policy = directives(PagePolicy.contentSecurityPolicy(
                storage(URI.create("http://minio:9000"), URI.create("https://media.example.org"), true),
                new LinkProperties(URI.create("https://videos.example.org/"), null)));

        assertThat(policy.get("script-src")).containsExactly("'self'");
        assertThat(policy.get("style-src")).containsExactly("'self'");
        assertThat(policy.get("media-src"))
                .containsExactly("'self'", "blob:", "https://media.example.org", "https://videos.example.org");
        assertThat(policy.get("connect-src"))
                .containsExactly("'self'", "https://media.example.org", "https://videos.example.org");
        assertThat(policy.get("img-src")).containsExactly("'self'", "data:", "https://media.example.org");
        assertThat(policy.get("frame-ancestors")).containsExactly("'none'");
        assertThat(policy.get("object-src")).containsExactly("'none'");
        assertThat(policy.values()).allSatisfy(sources -> assertThat(sources)
                .doesNotContain("'unsafe-inline'", "'unsafe-eval'", "*"));
    }

    @Test
    void fallsBackToItsOwnOriginAloneWithoutStorage() {
        Map<String, List<String>> policy = directives(PagePolicy.contentSecurityPolicy(null, null));

        assertThat(policy.get("media-src")).containsExactly("'self'", "blob:");
        assertThat(policy.get("connect-src")).containsExactly("'self'");
    }

    static Map<String, List<String>> directives(String policy) {
        return Arrays.stream(policy.split(";"))
                .map(String::strip)
                .map(directive -> List.of(directive.split("\\s+")))
                .collect(Collectors.toMap(parts -> parts.get(0), parts -> parts.subList(1, parts.size())));
    }

    private static StorageProperties storage(@Nullable URI endpoint, @Nullable URI publicEndpoint, boolean pathStyle) {
        return new StorageProperties(endpoint, publicEndpoint, "eu-west-3", "media-bucket", "key", "secret", pathStyle,
                false, DataSize.ofMegabytes(8));
    }

    /** What the services' presigner makes (StorageAutoConfiguration), the truth the policy must follow. */
    private static String originOfAPresignedLink(StorageProperties storage) {
        var builder = S3Presigner.builder()
                .region(Region.of(storage.region()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("key", "secret")))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(storage.pathStyle()).build());
        URI endpoint = storage.publicEndpoint() != null ? storage.publicEndpoint() : storage.endpoint();
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        try (S3Presigner presigner = builder.build()) {
            URI link = URI.create(presigner.presignGetObject(request -> request.signatureDuration(Duration.ofMinutes(1))
                    .getObjectRequest(get -> get.bucket(storage.bucket()).key("outputs/job/mp4/video.mp4")))
                    .url().toString());
            return link.getScheme() + "://" + link.getAuthority();
        }
    }
}
