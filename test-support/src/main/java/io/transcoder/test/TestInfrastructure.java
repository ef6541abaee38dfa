package io.transcoder.test;

import io.transcoder.local.EmbeddedS3;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.util.FileSystemUtils;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.MinIOContainer;
import org.testcontainers.rabbitmq.RabbitMQContainer;

/**
 * The real services a test talks to, started once per JVM: the machine's own RabbitMQ and Redis and an in-process
 * s3proxy, or, on request and where Docker works, RabbitMQ, Redis and MinIO from Testcontainers. Each JVM gets its own
 * namespace (and bucket and work directory), so test runs sharing one broker and one Redis never see each other.
 */
public final class TestInfrastructure {

    private static final String NAMESPACE = "test-" + UUID.randomUUID().toString().substring(0, 8);
    private static Map<String, String> properties;

    private TestInfrastructure() {}

    public static String namespace() {
        return NAMESPACE;
    }

    /** The Spring properties that point an application at the test infrastructure. */
    public static synchronized Map<String, String> properties() {
        if (properties == null) {
            properties = start();
        }
        return properties;
    }

    private static Map<String, String> start() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("transcoder.namespace", NAMESPACE);
        Path workDir = temporaryDirectory("transcoder-work-");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> FileSystemUtils.deleteRecursively(workDir.toFile())));
        values.put("transcoder.work-dir", workDir.toString());
        values.put("transcoder.storage.bucket", NAMESPACE);
        values.put("transcoder.storage.region", "us-east-1");
        // a fresh secret per run, as an installation has its own
        values.put("transcoder.links.signing-key", UUID.randomUUID() + "-" + UUID.randomUUID());
        // webhook receivers in tests listen on this machine, which callbacks may not reach otherwise
        values.put("transcoder.webhooks.allowed-addresses", "127.0.0.1,::1");
        values.putAll(containersWanted() ? containers() : localServices());
        return Map.copyOf(values);
    }

    /** Containers on request only ({@code TRANSCODER_TEST_CONTAINERS=true}), and only where Docker answers. */
    private static boolean containersWanted() {
        return Boolean.parseBoolean(env("TRANSCODER_TEST_CONTAINERS", "false"))
                && DockerClientFactory.instance().isDockerAvailable();
    }

    private static Map<String, String> localServices() {
        EmbeddedS3 s3 = startS3();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(s3)));
        return Map.of(
                "spring.rabbitmq.host", env("TEST_RABBITMQ_HOST", "127.0.0.1"),
                "spring.rabbitmq.port", env("TEST_RABBITMQ_PORT", "5672"),
                "spring.rabbitmq.username", env("TEST_RABBITMQ_USERNAME", "guest"),
                "spring.rabbitmq.password", env("TEST_RABBITMQ_PASSWORD", "guest"),
                "spring.data.redis.host", env("TEST_REDIS_HOST", "127.0.0.1"),
                "spring.data.redis.port", env("TEST_REDIS_PORT", "6379"),
                "transcoder.storage.endpoint", s3.endpoint().toString(),
                "transcoder.storage.access-key", EmbeddedS3.ACCESS_KEY,
                "transcoder.storage.secret-key", EmbeddedS3.SECRET_KEY);
    }

    @SuppressWarnings("resource") // containers live as long as the JVM; Testcontainers' reaper removes them
    private static Map<String, String> containers() {
        RabbitMQContainer rabbit = new RabbitMQContainer("rabbitmq:4.1-management");
        GenericContainer<?> redis = new GenericContainer<>("redis:7-alpine").withExposedPorts(6379);
        MinIOContainer minio = new MinIOContainer("minio/minio:RELEASE.2025-04-22T22-12-26Z");
        rabbit.start();
        redis.start();
        minio.start();
        return Map.of(
                "spring.rabbitmq.host", rabbit.getHost(),
                "spring.rabbitmq.port", String.valueOf(rabbit.getAmqpPort()),
                "spring.rabbitmq.username", rabbit.getAdminUsername(),
                "spring.rabbitmq.password", rabbit.getAdminPassword(),
                "spring.data.redis.host", redis.getHost(),
                "spring.data.redis.port", String.valueOf(redis.getMappedPort(6379)),
                "transcoder.storage.endpoint", minio.getS3URL(),
                "transcoder.storage.access-key", minio.getUserName(),
                "transcoder.storage.secret-key", minio.getPassword());
    }

    public static Path workDir() {
        return Path.of(properties().get("transcoder.work-dir"));
    }

    private static EmbeddedS3 startS3() {
        try {
            return EmbeddedS3.inMemory(0);
        } catch (Exception e) {
            throw new IllegalStateException("Could not start the in-process S3 server", e);
        }
    }

    private static Path temporaryDirectory(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // the JVM is exiting; nothing to do about it
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
