package io.transcoder.test;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One of the five applications, started from its executable jar as its own process, as in production. */
public final class ServiceProcess implements AutoCloseable {

    private static final String VERSION = "0.1.0-SNAPSHOT";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String name;
    private final int port;
    private final Process process;
    private final Path log;

    private ServiceProcess(String name, int port, Process process, Path log) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.log = log;
    }

    /** The module's jar as the build left it, run from a sibling module's directory (as Maven's tests are). */
    public static Path builtJar(String module) {
        return Path.of("..", module, "target", module + "-" + VERSION + "-exec.jar").toAbsolutePath().normalize();
    }

    public static ServiceProcess start(String module, Map<String, String> properties) throws IOException {
        return start(module, freePort(), properties);
    }

    public static ServiceProcess start(String module, int port, Map<String, String> properties) throws IOException {
        Path log = Path.of("target", "system-test-logs", module + ".log");
        Files.deleteIfExists(log);
        return start(builtJar(module), module, port, properties, log);
    }

    /** Starts {@code jar} as {@code name}, its output appended to {@code log} (a restarted service keeps one log). */
    public static ServiceProcess start(Path jar, String name, int port, Map<String, String> properties, Path log)
            throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("No " + jar + ": build the services first (mvn verify from the root)");
        }
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-XX:+UseSerialGC", "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-jar", jar.toString(), "--server.port=" + port));
        properties.forEach((key, value) -> command.add("--" + key + "=" + value));
        Files.createDirectories(log.toAbsolutePath().getParent());
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        return new ServiceProcess(name, port, process, log);
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public Path log() {
        return log;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    public void awaitHealthy(Duration timeout) {
        await(name + " healthy (log: " + log.toAbsolutePath() + ")")
                .atMost(timeout)
                .pollInterval(Duration.ofMillis(500))
                .failFast(name + " exited (log: " + log.toAbsolutePath() + ")", () -> !process.isAlive())
                .until(this::healthy);
    }

    private boolean healthy() {
        try {
            HttpRequest request = HttpRequest.newBuilder(uri("/actuator/health")).build();
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** SIGKILL: the process gets no chance to finish what it holds, as in a crash or an OOM kill. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
