package io.transcoder.fault;

import io.transcoder.local.EmbeddedMail;
import io.transcoder.local.EmbeddedS3;
import io.transcoder.test.ServiceProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.springframework.util.FileSystemUtils;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * One scenario's whole system, fresh and its own: Redis (append-only) and RabbitMQ node(s) as child processes, the
 * embedded S3 and mail server in this JVM behind proxies that can be cut, a work volume, a namespace, and the five
 * services as processes from copies of their executable jars (so a rebuild meanwhile does not pull a jar from under a
 * running service). Every process logs to {@code target/fault-logs/{scenario}/}.
 */
final class FaultSystem implements AutoCloseable {

    static final String BUCKET = "faults";
    private static final Path JARS = Path.of("target", "service-jars").toAbsolutePath();
    /** The checkout whose service jars run: this one, or another's (-Dfault.services-root, run.sh's FAULTS_SERVICES). */
    private static final Path SERVICES_ROOT = Path.of(System.getProperty("fault.services-root", "..")).toAbsolutePath()
            .normalize();
    private static final java.util.Set<String> COPIED = new java.util.TreeSet<>();

    private final FaultSetup setup;
    private final Path root;
    private final Path logs;
    private final String namespace;
    private final String key = "tc_" + UUID.randomUUID();
    private final RedisServer redis;
    private final List<RabbitNode> nodes = new ArrayList<>();
    private final EmbeddedS3 s3;
    private final CuttableProxy s3Proxy;
    private final EmbeddedMail mail;
    private final CuttableProxy smtpProxy;
    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    private final Map<String, String> properties = new LinkedHashMap<>();
    private JobsApi api;
    private boolean closed;

    private final Thread cleanUp = new Thread(this::close, "fault-system-clean-up");

    FaultSystem(FaultSetup setup) throws Exception {
        this.setup = setup;
        // an interrupted run (Ctrl-C) must not leave brokers, Redis and services running
        Runtime.getRuntime().addShutdownHook(cleanUp);
        // not named after the scenario: the ffmpeg wrappers look for "poison" and "slow" in paths
        root = Files.createTempDirectory("fault-run-");
        logs = Path.of("target", "fault-logs", setup.scenario()).toAbsolutePath();
        FileSystemUtils.deleteRecursively(logs);
        Files.createDirectories(logs);
        namespace = "fault-" + setup.scenario() + "-" + UUID.randomUUID().toString().substring(0, 6);
        redis = new RedisServer(ServiceProcess.freePort(), root.resolve("redis"), logs.resolve("redis.log"));
        startRabbit();
        s3 = EmbeddedS3.onFilesystem(root.resolve("s3"), 0);
        s3Proxy = new CuttableProxy(ServiceProcess.freePort(), s3.endpoint().getPort());
        mail = new EmbeddedMail(0, 0);
        smtpProxy = new CuttableProxy(ServiceProcess.freePort(), mail.smtpPort());
        Files.createDirectories(workDir());
        properties.putAll(serviceProperties());
        properties.putAll(setup.properties());
        startServices();
    }

    private void startRabbit() {
        String suffix = UUID.randomUUID().toString().substring(0, 4);
        for (int i = 1; i <= setup.rabbitNodes(); i++) {
            RabbitNode node = new RabbitNode("tcfault" + i + "-" + suffix, ServiceProcess.freePort(),
                    ServiceProcess.freePort(), root.resolve("rabbit" + i), logs.resolve("rabbit" + i + ".log"),
                    setup.rabbitConfig(), setup.rabbitAdvanced());
            nodes.add(node);
            node.start();
            System.out.printf("[%s] %s started in %d ms%n", setup.scenario(), node.nodeName(),
                    node.lastStart().toMillis());
            if (i > 1) {
                node.joinCluster(nodes.get(0));
            }
        }
    }

    private Map<String, String> serviceProperties() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("transcoder.namespace", namespace);
        values.put("transcoder.work-dir", workDir().toString());
        values.put("transcoder.storage.bucket", BUCKET);
        values.put("transcoder.storage.region", "us-east-1");
        values.put("transcoder.storage.endpoint", "http://127.0.0.1:" + s3Proxy.port());
        values.put("transcoder.storage.access-key", EmbeddedS3.ACCESS_KEY);
        values.put("transcoder.storage.secret-key", EmbeddedS3.SECRET_KEY);
        values.put("transcoder.links.signing-key", UUID.randomUUID() + "-" + UUID.randomUUID());
        values.put("spring.rabbitmq.addresses", nodes.stream().map(node -> "127.0.0.1:" + node.port())
                .collect(Collectors.joining(",")));
        values.put("spring.rabbitmq.username", "guest");
        values.put("spring.rabbitmq.password", "guest");
        values.put("spring.data.redis.host", "127.0.0.1");
        values.put("spring.data.redis.port", String.valueOf(redis.port()));
        values.put("spring.mail.host", "127.0.0.1");
        values.put("spring.mail.port", String.valueOf(smtpProxy.port()));
        values.put("api.keys.faults", sha256(key));
        values.put("api.max-unfinished-jobs", "100");
        values.put("api.max-submissions-per-minute", "100");
        values.put("downloader.min-free-space", "100MB");
        values.put("encoder.ffmpeg-path", FfmpegWrappers.install(root.resolve("ffmpeg")).toString());
        return values;
    }

    private void startServices() throws IOException {
        int apiPort = ServiceProcess.freePort();
        properties.put("transcoder.links.public-url", "http://127.0.0.1:" + apiPort);
        start("api", "api-service", apiPort);
        start("downloader", "downloader-service", ServiceProcess.freePort());
        for (int i = 1; i <= setup.encoders(); i++) {
            start("encoder-" + i, "encoder-service", ServiceProcess.freePort());
        }
        start("uploader", "uploader-service", ServiceProcess.freePort());
        for (int i = 1; i <= setup.notifiers(); i++) {
            start("notifier-" + i, "notifier-service", ServiceProcess.freePort());
        }
        services.values().forEach(service -> service.awaitHealthy(Duration.ofMinutes(3)));
        api = new JobsApi(services.get("api").uri(""), key);
    }

    private ServiceProcess start(String name, String module, int port) throws IOException {
        ServiceProcess service = ServiceProcess.start(jar(module), name, port, properties,
                logs.resolve(name + ".log"));
        services.put(name, service);
        return service;
    }

    /** SIGKILLs the service, starts it again (same port, same log) and waits until it is healthy. */
    void killAndRestart(String name) throws IOException {
        ServiceProcess killed = services.get(name);
        killed.kill();
        String module = killed.name().startsWith("encoder") ? "encoder-service"
                : killed.name().startsWith("notifier") ? "notifier-service"
                : killed.name().equals("api") ? "api-service" : killed.name() + "-service";
        start(name, module, killed.port()).awaitHealthy(Duration.ofMinutes(3));
    }

    /** The module's jar as the build left it when this run first needed it; every scenario of the run uses it. */
    private static synchronized Path jar(String module) throws IOException {
        Path copy = JARS.resolve(module + ".jar");
        if (COPIED.add(module)) {
            Files.createDirectories(JARS);
            Path built = SERVICES_ROOT.resolve(module).resolve("target")
                    .resolve(module + "-0.1.0-SNAPSHOT-exec.jar");
            Files.copy(built, copy, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
        }
        return copy;
    }

    /** When each service's jar was built: the others change the services meanwhile, so a ledger says which it ran. */
    static String jarsBuilt() {
        return "(from " + SERVICES_ROOT + ") " + COPIED.stream().sorted().map(module -> {
            try {
                return module + " " + Files.getLastModifiedTime(JARS.resolve(module + ".jar"));
            } catch (IOException e) {
                return module + " ?";
            }
        }).collect(Collectors.joining(", "));
    }

    String scenario() {
        return setup.scenario();
    }

    String namespace() {
        return namespace;
    }

    JobsApi api() {
        return api;
    }

    ServiceProcess service(String name) {
        return services.get(name);
    }

    List<Path> encoderLogs() {
        return IntStream.rangeClosed(1, setup.encoders()).mapToObj(i -> logs.resolve("encoder-" + i + ".log")).toList();
    }

    Path ffmpegWrappers() {
        return root.resolve("ffmpeg");
    }

    Path logs() {
        return logs;
    }

    Path workDir() {
        return root.resolve("work");
    }

    Path files() {
        return root.resolve("files");
    }

    RedisServer redis() {
        return redis;
    }

    List<RabbitNode> rabbit() {
        return nodes;
    }

    CuttableProxy s3Proxy() {
        return s3Proxy;
    }

    CuttableProxy smtpProxy() {
        return smtpProxy;
    }

    EmbeddedMail mail() {
        return mail;
    }

    /** A client of the embedded S3 itself, past the proxy: what the scenario checks is not cut off with the services. */
    S3Client storage() {
        return S3Client.builder()
                .endpointOverride(URI.create(s3.endpoint().toString()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(EmbeddedS3.ACCESS_KEY, EmbeddedS3.SECRET_KEY)))
                .forcePathStyle(true)
                .build();
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            Runtime.getRuntime().removeShutdownHook(cleanUp);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: this is the hook
        }
        services.values().forEach(ServiceProcess::close);
        nodes.forEach(RabbitNode::close);
        redis.close();
        s3Proxy.close();
        smtpProxy.close();
        mail.close();
        try {
            s3.close();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            FileSystemUtils.deleteRecursively(root.toFile());
        }
    }
}
