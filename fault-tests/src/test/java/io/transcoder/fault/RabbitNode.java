package io.transcoder.fault;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * A RabbitMQ node of the scenario's own, started from the installed server as a child process with its own name,
 * ports, database and configuration. It shares the machine's Erlang cookie (the broker user's home), so
 * {@code rabbitmqctl -n} reaches it and nodes can form a cluster.
 */
final class RabbitNode implements AutoCloseable {

    private static final Path SERVER = Path.of("/usr/lib/rabbitmq/bin/rabbitmq-server");
    private static final String COOKIE_HOME = "/var/lib/rabbitmq";

    private final String name;
    private final int port;
    private final int distributionPort;
    private final Path directory;
    private final Path log;
    private Process process;
    private Duration lastStart = Duration.ZERO;

    /**
     * @param config lines of rabbitmq.conf (e.g. {@code consumer_timeout = 10000})
     * @param advanced an Erlang term for advanced.config, for settings rabbitmq.conf has no key for
     */
    RabbitNode(String name, int port, int distributionPort, Path directory, Path log, List<String> config,
            String advanced) {
        this.name = name;
        this.port = port;
        this.distributionPort = distributionPort;
        this.directory = directory;
        this.log = log;
        try {
            Files.createDirectories(directory);
            Files.write(directory.resolve("rabbitmq.conf"), config);
            Files.writeString(directory.resolve("advanced.config"), advanced);
            Files.writeString(directory.resolve("enabled_plugins"), "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String nodeName() {
        return name + "@localhost";
    }

    int port() {
        return port;
    }

    /** How long the latest start took until the node accepted AMQP connections. */
    Duration lastStart() {
        return lastStart;
    }

    /** Starts the node and waits until it accepts AMQP connections. */
    void start() {
        Instant started = Instant.now();
        ProcessBuilder builder = new ProcessBuilder(SERVER.toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> env = builder.environment();
        env.put("HOME", COOKIE_HOME);
        env.put("RABBITMQ_NODENAME", nodeName());
        env.put("RABBITMQ_NODE_IP_ADDRESS", "127.0.0.1");
        env.put("RABBITMQ_NODE_PORT", String.valueOf(port));
        env.put("RABBITMQ_DIST_PORT", String.valueOf(distributionPort));
        env.put("RABBITMQ_MNESIA_BASE", directory.resolve("mnesia").toString());
        env.put("RABBITMQ_LOG_BASE", directory.resolve("log").toString());
        env.put("RABBITMQ_PID_FILE", directory.resolve("pid").toString());
        env.put("RABBITMQ_CONFIG_FILE", directory.resolve("rabbitmq.conf").toString());
        env.put("RABBITMQ_ADVANCED_CONFIG_FILE", directory.resolve("advanced.config").toString());
        env.put("RABBITMQ_ENABLED_PLUGINS_FILE", directory.resolve("enabled_plugins").toString());
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Awaitility.await(nodeName() + " accepting AMQP on " + port + " (log: " + log + ")")
                .atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200))
                .failFast(nodeName() + " exited (log: " + log + ")", () -> !process.isAlive())
                .until(this::acceptsConnections);
        lastStart = Duration.between(started, Instant.now());
    }

    /** Stops the node the orderly way (as an operator's restart or a rolling upgrade does). */
    void stop() {
        ctl("stop");
        try {
            process.waitFor(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    boolean isRunning() {
        return process != null && process.isAlive();
    }

    void joinCluster(RabbitNode first) {
        ctl("stop_app");
        ctl("join_cluster", first.nodeName());
        ctl("start_app");
    }

    /** {@code rabbitmqctl -n <this node> ...}; its output, or an exception if it failed. */
    String ctl(String... arguments) {
        List<String> command = new ArrayList<>(List.of("rabbitmqctl", "-q", "-n", nodeName()));
        command.addAll(List.of(arguments));
        try {
            Process ctl = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(ctl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!ctl.waitFor(2, TimeUnit.MINUTES) || ctl.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The Erlang VM's own pid: the start script may run it as its child rather than exec it. */
    private java.util.Optional<Long> beamPid() {
        try {
            return java.util.Optional.of(Long.parseLong(Files.readString(directory.resolve("pid")).strip()));
        } catch (IOException | NumberFormatException e) {
            return java.util.Optional.empty();
        }
    }

    private boolean acceptsConnections() {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        if (isRunning()) {
            try {
                stop();
            } finally {
                if (process.isAlive()) {
                    process.destroyForcibly();
                }
                beamPid().flatMap(ProcessHandle::of).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }
}
