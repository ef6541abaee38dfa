package io.transcoder.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real system, started the way a person starts it: {@code ./run-local.sh --no-build} (one process) or with
 * {@code --processes}, in its own run directory, with the limits a benchmark needs raised through the environment.
 */
final class LocalSystem implements AutoCloseable {

    static final int[] PORTS = {8080, 8081, 8082, 8083, 8084};
    static final String VERSION = "0.1.0-SNAPSHOT";
    /** The port of run-local.sh's own Redis unless REDIS_PORT says otherwise (not the tests' 6379). */
    static final String REDIS_PORT = "6380";

    private final Path repo;
    private final Path runDir;
    private final Process script;
    private final Duration startUp;
    private final Map<String, String> env;
    private final List<Process> extraEncoders = new ArrayList<>();

    private LocalSystem(Path repo, Path runDir, Process script, Duration startUp, Map<String, String> env) {
        this.repo = repo;
        this.runDir = runDir;
        this.script = script;
        this.startUp = startUp;
        this.env = env;
    }

    /** {@code javaOpts} null: run-local.sh's own defaults. */
    static LocalSystem start(Path repo, Path runDir, boolean processes, String javaOpts, Map<String, String> extraEnv)
            throws IOException, InterruptedException {
        Files.createDirectories(runDir.resolve("logs"));
        List<String> command = new ArrayList<>(List.of("./run-local.sh", "--no-build"));
        if (processes) {
            command.add("--processes");
        }
        ProcessBuilder builder = new ProcessBuilder(command).directory(repo.toFile())
                .redirectErrorStream(true).redirectOutput(runDir.resolve("run-local.out").toFile());
        Map<String, String> env = builder.environment();
        env.put("RUN_DIR", runDir.toString());
        // its own queues and Redis keys, so that a benchmark never uses up a person's local run's limits (the owner
        // "dev" may be sent 30 emails an hour) or leaves jobs in its queues
        env.put("TRANSCODER_NAMESPACE", "transcoder-benchmarks");
        env.put("NOTIFIER_MAX_EMAILS_PER_HOUR", "100000");
        // one owner submits everything here: the per-owner limits would refuse a benchmark's bursts
        env.put("API_MAX_UNFINISHED_JOBS", "1000");
        env.put("API_MAX_SUBMISSIONS_PER_MINUTE", "1000");
        env.put("API_MAX_EVENT_STREAMS", "1000");
        env.put("API_MAX_UPLOAD_SIZE", "6GB");
        if (javaOpts != null) {
            env.put("JAVA_OPTS", javaOpts);
        }
        env.putAll(extraEnv);
        long begun = System.nanoTime();
        Process script = builder.start();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        for (int port : PORTS) {
            while (!healthy(http, port)) {
                if (!script.isAlive() || System.nanoTime() - begun > TimeUnit.MINUTES.toNanos(3)) {
                    throw new IllegalStateException("the system did not start; see " + runDir.resolve("run-local.out"));
                }
                Thread.sleep(50);
            }
        }
        Duration startUp = Duration.ofNanos(System.nanoTime() - begun);
        return new LocalSystem(repo, runDir, script, startUp, new HashMap<>(env));
    }

    /** From starting run-local.sh (after the build) until all five services answer health with 200. */
    Duration startUp() {
        return startUp;
    }

    Path runDir() {
        return runDir;
    }

    String apiKey() throws IOException {
        return Files.readAllLines(runDir.resolve("api-key")).get(0).trim();
    }

    /** A further encoder as a process of its own, sharing the work volume (the deployment's way to scale). */
    void addEncoder(int port) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(javaOf(), "-XX:+UseSerialGC", "-Xmx128m", "-XX:TieredStopAtLevel=1",
                "-jar", repo.resolve("encoder-service/target/encoder-service-" + VERSION + "-exec.jar").toString(),
                "--server.port=" + port)
                .redirectErrorStream(true).redirectOutput(runDir.resolve("logs/encoder-" + port + ".log").toFile());
        builder.environment().putAll(env);
        builder.environment().put("TRANSCODER_WORK_DIR", runDir.resolve("work").toString());
        // run-local.sh tells only its own services where its Redis is: without this, the job state would be sought
        // in the tests' Redis on 6379 (unless the environment names a Redis, which both then use)
        if (!env.containsKey("SPRING_DATA_REDIS_HOST") && !env.containsKey("SPRING_DATA_REDIS_URL")) {
            builder.environment().put("SPRING_DATA_REDIS_HOST", "127.0.0.1");
            builder.environment().put("SPRING_DATA_REDIS_PORT", env.getOrDefault("REDIS_PORT", REDIS_PORT));
        }
        Process encoder = builder.start();
        extraEncoders.add(encoder);
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (!healthy(http, port)) {
            if (!encoder.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("the extra encoder did not start");
            }
            Thread.sleep(100);
        }
    }

    void stopExtraEncoders() throws InterruptedException {
        for (Process encoder : extraEncoders) {
            encoder.destroy();
            encoder.waitFor(60, TimeUnit.SECONDS);
        }
        extraEncoders.clear();
    }

    /** The JVMs of the system (and extra encoders), by a short name, with their resident memory now and at peak. */
    Map<String, long[]> memory() throws IOException {
        Map<String, long[]> kb = new LinkedHashMap<>();
        List<ProcessHandle> jvms = new ArrayList<>();
        script.toHandle().children().forEach(jvms::add);
        extraEncoders.forEach(p -> jvms.add(p.toHandle()));
        for (ProcessHandle jvm : jvms) {
            Path status = Path.of("/proc", Long.toString(jvm.pid()), "status");
            if (!Files.exists(status)) {
                continue;
            }
            String cmdline = Files.readString(Path.of("/proc", Long.toString(jvm.pid()), "cmdline")).replace('\0', ' ');
            if (!cmdline.contains("java")) {
                continue;
            }
            long rss = 0;
            long hwm = 0;
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmRSS:")) {
                    rss = Long.parseLong(line.replaceAll("\\D", ""));
                } else if (line.startsWith("VmHWM:")) {
                    hwm = Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
            kb.put(name(cmdline, jvm.pid()), new long[] {rss, hwm, jvm.pid()});
        }
        return kb;
    }

    /** CPU time (user and system) a process has used so far, from /proc (clock ticks of 10 ms). */
    static double cpuSeconds(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        // the fields after the command name, which is in parentheses and may hold spaces
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
    }

    static long totalRss(Map<String, long[]> memory) {
        return memory.values().stream().mapToLong(m -> m[0]).sum();
    }

    private static String name(String cmdline, long pid) {
        for (String service : List.of("local-infrastructure", "api-service", "downloader-service", "encoder-service",
                "uploader-service", "notifier-service")) {
            if (cmdline.contains(service + "-" + VERSION + "-exec.jar")) {
                return !service.equals("encoder-service") || cmdline.contains("--server.port=8082")
                        ? service : service + "-" + pid;
            }
        }
        return cmdline.contains("one-process") ? "one-process" : "java-" + pid;
    }

    /** jcmd against one of the system's JVMs (VM.native_memory needs -XX:NativeMemoryTracking). */
    static String jcmd(long pid, String... command) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of(Path.of(javaOf()).resolveSibling("jcmd").toString(),
                Long.toString(pid)));
        args.addAll(List.of(command));
        Process p = new ProcessBuilder(args).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        return out;
    }

    /** The java this harness runs on: run-local.sh picks the newest JDK too. */
    static String javaOf() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    private static boolean healthy(HttpClient http, int port) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                    .timeout(Duration.ofSeconds(2)).build(), BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() throws InterruptedException {
        stopExtraEncoders();
        script.destroy(); // TERM: run-local.sh stops everything it started
        if (!script.waitFor(60, TimeUnit.SECONDS)) {
            script.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
            script.destroyForcibly();
        }
    }
}
