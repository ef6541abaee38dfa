package io.transcoder.oneprocess;

import io.transcoder.local.EmbeddedMail;
import io.transcoder.local.EmbeddedS3;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Runs transcoder on one machine as one JVM: the embedded S3 and mail servers, then the five services, each its own
 * Spring application context (own configuration, port and health) in its own class loader, talking to the others
 * only through RabbitMQ, as five processes would.
 *
 * <p>Arguments: {@code --{service}.{property}=value} goes to that service only (as {@code --{property}=value}, the
 * highest precedence, like a process's own command line), any other {@code --property=value} to every service.
 * {@code --services=a,b} picks services (all five by default), {@code --embedded-infrastructure=false} leaves out
 * S3 and mail, {@code --log-dir} is where each service's log goes ({@code run/logs}). Like local-infrastructure, the
 * embedded servers read {@code S3_PORT} (9000), {@code S3_DIR} (run/s3), {@code SMTP_PORT} (3025) and
 * {@code IMAP_PORT} (3143). Put secrets in an argument file ({@code java @file}), never on the command line.
 */
public final class OneProcess {

    static final List<String> SERVICES =
            List.of("api-service", "downloader-service", "encoder-service", "uploader-service", "notifier-service");

    private OneProcess() {}

    public static void main(String[] args) throws Exception {
        long begun = System.nanoTime();
        Map<String, List<String>> perService = new LinkedHashMap<>();
        List<String> common = new ArrayList<>();
        List<String> names = SERVICES;
        boolean infrastructure = true;
        Path logDir = Path.of("run/logs");
        for (String arg : args) {
            if (arg.startsWith("--services=")) {
                names = List.of(value(arg).split(","));
            } else if (arg.startsWith("--embedded-infrastructure=")) {
                infrastructure = Boolean.parseBoolean(value(arg));
            } else if (arg.startsWith("--log-dir=")) {
                logDir = Path.of(value(arg));
            } else {
                String service = SERVICES.stream().filter(s -> arg.startsWith("--" + s + ".")).findFirst().orElse(null);
                if (service == null) {
                    common.add(arg);
                } else {
                    perService.computeIfAbsent(service, s -> new ArrayList<>())
                            .add("--" + arg.substring(service.length() + 3));
                }
            }
        }
        Logger log = startLogging(logDir, names);

        Path home = home();
        ClassLoader shared = OneProcess.class.getClassLoader();
        List<Service> services = new ArrayList<>();
        for (String name : names) {
            services.add(new Service(ServiceJar.in(home.resolve("services"), name, home.resolve("lib")), shared));
        }

        List<AutoCloseable> infra = new ArrayList<>();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(services, infra, log, stopped), "one-process-stop"));
        if (infrastructure) {
            startInfrastructure(infra, log);
        }

        ExecutorService starters = Executors.newFixedThreadPool(services.size());
        Map<Service, Future<Duration>> starts = new LinkedHashMap<>();
        for (Service service : services) {
            List<String> serviceArgs = new ArrayList<>(common);
            serviceArgs.addAll(perService.getOrDefault(service.name(), List.of()));
            starts.put(service, starters.submit(() -> service.start(serviceArgs)));
        }
        for (Map.Entry<Service, Future<Duration>> start : starts.entrySet()) {
            try {
                log.info("{} started in {} ms", start.getKey().name(), start.getValue().get().toMillis());
            } catch (Exception e) {
                log.error("{} did not start; see its log in {}", start.getKey().name(), logDir, e);
                System.exit(1);
            }
        }
        starters.shutdown();
        log.info("{} services up in {} ms", services.size(), Duration.ofNanos(System.nanoTime() - begun).toMillis());
        stopped.await();
    }

    private static Logger startLogging(Path logDir, List<String> services) throws IOException {
        // Spring Boot would re-initialise Logback for every context it starts, and reset it as each one closes
        System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
        System.setProperty("one-process.log-dir", logDir.toAbsolutePath().toString());
        System.setProperty("logback.configurationFile", "one-process-logback.xml");
        Files.createDirectories(logDir);
        for (String service : services) {
            Files.deleteIfExists(logDir.resolve(service + ".log"));
        }
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        return LoggerFactory.getLogger(OneProcess.class);
    }

    private static void startInfrastructure(List<AutoCloseable> infra, Logger log) throws Exception {
        int s3Port = Integer.parseInt(env("S3_PORT", "9000"));
        Path s3Dir = Path.of(env("S3_DIR", "run/s3"));
        EmbeddedS3 s3 = EmbeddedS3.onFilesystem(s3Dir, s3Port);
        infra.add(s3);
        EmbeddedMail mail = new EmbeddedMail(
                Integer.parseInt(env("SMTP_PORT", "3025")), Integer.parseInt(env("IMAP_PORT", "3143")));
        infra.add(mail);
        log.info("S3 API at {} (access key {}), objects in {}", s3.endpoint(), EmbeddedS3.ACCESS_KEY, s3Dir.toAbsolutePath());
        log.info("SMTP on 127.0.0.1:{}, IMAP on 127.0.0.1:{}", mail.smtpPort(), mail.imapPort());
    }

    /** The services together (each finishes what it is doing), then mail and storage, which they may still use. */
    private static void stop(List<Service> services, List<AutoCloseable> infra, Logger log, CountDownLatch stopped) {
        log.info("stopping");
        List<Thread> stopping = new ArrayList<>();
        for (Service service : services) {
            Thread thread = new Thread(() -> {
                try {
                    service.stop();
                } catch (RuntimeException e) {
                    log.warn("{} did not stop cleanly", service.name(), e);
                }
            }, "stop-" + service.name());
            thread.start();
            stopping.add(thread);
        }
        for (Thread thread : stopping) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (int i = infra.size() - 1; i >= 0; i--) {
            try {
                infra.get(i).close();
            } catch (Exception e) {
                log.warn("{} did not stop cleanly", infra.get(i).getClass().getSimpleName(), e);
            }
        }
        log.info("stopped");
        ((ch.qos.logback.classic.LoggerContext) LoggerFactory.getILoggerFactory()).stop();
        stopped.countDown();
    }

    /** The directory this jar lies in (target/), which holds lib/ and services/. */
    private static Path home() throws URISyntaxException {
        return Path.of(OneProcess.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getParent();
    }

    private static String value(String arg) {
        return arg.substring(arg.indexOf('=') + 1);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
