package io.transcoder.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Measures the real system against baselines taken in the same run, alternating the two, median of several rounds.
 * Suites: {@code footprint pipeline upload throughput progress} (default: all). Settings as system properties:
 * {@code rounds} (3), {@code clips} (10,60), {@code formats} (mp4;mp4,webm;hls), {@code upload-sizes} (1,4 GiB),
 * {@code jobs} (20), {@code nmt} (true). Results go to stdout and {@code benchmarks/target/results/}.
 */
public final class Benchmarks {

    private static final int ROUNDS = Integer.getInteger("rounds", 3);

    private final Path repo;
    private final Path target;
    private final Path runDir;
    private final FfmpegLog ffmpeg;
    private final StringBuilder report = new StringBuilder();
    private final Path results;

    private Benchmarks(Path repo) throws IOException {
        this.repo = repo;
        this.target = repo.resolve("benchmarks/target");
        this.runDir = target.resolve("run");
        this.ffmpeg = new FfmpegLog(target.resolve("ffmpeg"), runDir.resolve("work"));
        this.results = target.resolve("results/" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        Files.createDirectories(results);
    }

    public static void main(String[] args) throws Exception {
        Benchmarks bench = new Benchmarks(Path.of(System.getProperty("repo", ".")).toAbsolutePath().normalize());
        List<String> suites = args.length == 0
                ? List.of("footprint", "pipeline", "upload", "throughput", "progress") : List.of(args);
        bench.say("# transcoder benchmarks, " + Instant.now());
        bench.say("");
        bench.say("machine: " + machine());
        bench.say("");
        for (String suite : suites) {
            bench.say("load before " + suite + ": " + load());
            switch (suite) {
                case "footprint" -> bench.footprint();
                case "pipeline" -> bench.pipeline();
                case "upload" -> bench.upload();
                case "throughput" -> bench.throughput();
                case "progress" -> bench.progress();
                default -> throw new IllegalArgumentException("no suite " + suite);
            }
            bench.say("load after " + suite + ": " + load() + "; event streams that fell silent so far: " + Api.HUNG.get());
            bench.say("");
        }
        bench.say("raw files: " + bench.results);
    }

    /** (5) Resident memory and start-up of the one-process and the five-process shape, alternating. */
    private void footprint() throws Exception {
        int jobs = Integer.getInteger("jobs", 20);
        Path clip = clip(10);
        boolean nmt = Boolean.parseBoolean(System.getProperty("nmt", "true"));
        Map<String, String> env = nmt ? Map.of("JAVA_TOOL_OPTIONS", "-XX:NativeMemoryTracking=summary") : Map.of();
        say("## Footprint and start-up (" + jobs + " jobs of a 10 s clip to mp4 each round; NMT " + (nmt ? "on" : "off") + ")");
        say("");
        // the first start after a build has no start-up cache yet, and writes it as it stops (run-local.sh)
        deleteRecursively(runDir.resolve("cache"));
        try (LocalSystem first = LocalSystem.start(repo, runDir, false, null, ffmpegEnv(env))) {
            say("- one process, first start after a build (no start-up cache yet): healthy after "
                    + secs(first.startUp()) + " s");
        }
        say("");
        say("| round | shape | healthy after (s) | RSS idle (MB) | RSS after " + jobs + " jobs (MB) | 30 s later (MB) | per JVM after (MB) |");
        say("|---|---|---|---|---|---|---|");
        Map<String, List<Double>> startUps = new LinkedHashMap<>();
        Map<String, List<Double>> after = new LinkedHashMap<>();
        for (int round = 0; round < ROUNDS; round++) {
            List<Boolean> order = round % 2 == 0 ? List.of(false, true) : List.of(true, false);
            for (boolean processes : order) {
                String shape = processes ? "five processes" : "one process";
                try (LocalSystem system = LocalSystem.start(repo, runDir, processes, null, ffmpegEnv(env))) {
                    Thread.sleep(2000);
                    long idle = LocalSystem.totalRss(system.memory());
                    Api api = new Api(URI.create("http://127.0.0.1:8080"), system.apiKey());
                    burst(api, clip, "mp4", jobs);
                    Thread.sleep(2000);
                    Map<String, long[]> memory = system.memory();
                    long total = LocalSystem.totalRss(memory);
                    StringBuilder per = new StringBuilder();
                    memory.forEach((name, m) -> per.append(name).append(' ').append(m[0] / 1024).append(", "));
                    // and once the burst is over: what a heap that gives memory back keeps
                    Thread.sleep(30_000);
                    long settled = LocalSystem.totalRss(system.memory());
                    say("| " + (round + 1) + " | " + shape + " | " + secs(system.startUp()) + " | " + idle / 1024
                            + " | " + total / 1024 + " | " + settled / 1024 + " | " + per.toString().replaceAll(", $", "")
                            + " |");
                    startUps.computeIfAbsent(shape, s -> new ArrayList<>()).add(system.startUp().toMillis() / 1000.0);
                    after.computeIfAbsent(shape, s -> new ArrayList<>()).add(total / 1024.0);
                    for (Map.Entry<String, long[]> jvm : memory.entrySet()) {
                        long pid = jvm.getValue()[2];
                        String name = shape.replace(' ', '-') + "-r" + (round + 1) + "-" + jvm.getKey();
                        if (nmt) {
                            Files.writeString(results.resolve(name + ".nmt.txt"),
                                    LocalSystem.jcmd(pid, "VM.native_memory", "summary"));
                        }
                        Files.writeString(results.resolve(name + ".heap.txt"), LocalSystem.jcmd(pid, "GC.heap_info"));
                    }
                }
            }
        }
        say("");
        for (String shape : startUps.keySet()) {
            say("- " + shape + ": healthy after " + fmt(median(startUps.get(shape))) + " s, " + fmt(median(after.get(shape)))
                    + " MB resident after " + jobs + " jobs (medians)");
        }
        say("- ratio one process / five processes, memory after jobs: "
                + fmt(median(after.get("one process")) / median(after.get("five processes"))));
        say("");
    }

    /** (1) 202 to COMPLETED against the same ffmpeg commands run bare on the same file. */
    private void pipeline() throws Exception {
        say("## Pipeline against bare ffmpeg (one process; rounds alternate which runs first)");
        say("");
        say("| clip | formats | pipeline (s) | bare (s) | ratio | overhead (s) | queued, downloading, encoding, uploading (s) |");
        say("|---|---|---|---|---|---|---|");
        try (LocalSystem system = LocalSystem.start(repo, runDir, false, null, ffmpegEnv(Map.of()))) {
            Api api = new Api(URI.create("http://127.0.0.1:8080"), system.apiKey());
            for (String seconds : System.getProperty("clips", "10,60").split(",")) {
                Path clip = clip(Integer.parseInt(seconds));
                for (String formats : System.getProperty("formats", "mp4;mp4,webm;hls").split(";")) {
                    Api.Submitted warmUp = api.submit(clip, formats);
                    api.watch(warmUp.id());
                    List<FfmpegLog.Run> runs = ffmpeg.runsOf(warmUp.id());
                    List<Double> pipeline = new ArrayList<>();
                    List<Double> bare = new ArrayList<>();
                    List<double[]> stages = new ArrayList<>();
                    for (int round = 0; round < ROUNDS; round++) {
                        for (int step = 0; step < 2; step++) {
                            if ((round + step) % 2 == 0) {
                                Api.Submitted job = api.submit(clip, formats);
                                List<Api.Event> events = api.watch(job.id());
                                Api.Event last = events.get(events.size() - 1);
                                if (!last.state().equals("COMPLETED")) {
                                    throw new IllegalStateException(job.id() + " ended " + last.job());
                                }
                                pipeline.add(between(job.accepted(), last.arrived()));
                                stages.add(stages(events));
                            } else {
                                bare.add(ffmpeg.replay(warmUp.id(), runs, clip, target.resolve("replay")).toMillis() / 1000.0);
                            }
                        }
                    }
                    double p = median(pipeline);
                    double b = median(bare);
                    double[] s = new double[4];
                    for (int i = 0; i < 4; i++) {
                        int stage = i;
                        s[i] = median(stages.stream().map(x -> x[stage]).toList());
                    }
                    say("| " + seconds + " s | " + formats + " | " + fmt(p) + " " + list(pipeline) + " | " + fmt(b) + " "
                            + list(bare) + " | " + fmt(p / b) + " | " + fmt(p - b) + " | " + fmt(s[0]) + ", " + fmt(s[1])
                            + ", " + fmt(s[2]) + ", " + fmt(s[3]) + " |");
                }
            }
        }
        say("");
        say("Bare: the encoder's own ffmpeg/ffprobe commands of a warm-up job (logged by wrappers given to it as "
                + "encoder.ffmpeg-path), run again on the same file, one after another as the encoder ran them. "
                + "Stages from the updatedAt of the first event the job stream showed in each state.");
        say("");
    }

    /** (2) Uploads through POST /api/jobs (the API's heap capped at 256 MB) against the AWS SDK straight to S3. */
    private void upload() throws Exception {
        say("## Upload through the API against a direct multipart upload to the same S3 (five processes, the API at -Xmx256m)");
        say("");
        say("| size | API (MB/s) | direct (MB/s) | API / direct | API peak RSS (MB) | largest new temp file (MB) |");
        say("|---|---|---|---|---|---|");
        List<String> cpu = new ArrayList<>();
        // run-local.sh's own options for the API, its heap capped at 256 MB; the other services as run-local.sh has them
        String apiOpts = System.getProperty("upload-java-opts", "-XX:+UseSerialGC -Xms16m -Xmx256m -XX:MinHeapFreeRatio=10 "
                + "-XX:MaxHeapFreeRatio=25 -Xss512k -XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=32m");
        Map<String, String> env = new HashMap<>(ffmpegEnv(Map.of()));
        env.put("API_JAVA_OPTS", apiOpts);
        try (LocalSystem system = LocalSystem.start(repo, runDir, true, null, env);
                DirectS3 direct = new DirectS3(URI.create("http://127.0.0.1:9000"))) {
            Api api = new Api(URI.create("http://127.0.0.1:8080"), system.apiKey());
            for (String gib : System.getProperty("upload-sizes", "1,4").split(",")) {
                long bytes = Long.parseLong(gib) << 30;
                Path file = target.resolve("upload-" + gib + "GiB.bin");
                if (!Files.exists(file) || Files.size(file) != bytes) {
                    run("head", "-c", Long.toString(bytes), "/dev/urandom", ">", file.toString());
                }
                List<Double> viaApi = new ArrayList<>();
                List<Double> straight = new ArrayList<>();
                // CPU seconds per GiB of the API, the S3 server and this client, via the API and direct
                double[] cpuViaApi = new double[3];
                double[] cpuStraight = new double[3];
                long peak = 0;
                long largestTemp = 0;
                for (int round = 0; round < ROUNDS; round++) {
                    for (int step = 0; step < 2; step++) {
                        long apiPid = system.memory().get("api-service")[2];
                        long s3Pid = system.memory().get("local-infrastructure")[2];
                        double[] cpuBefore = cpu(apiPid, s3Pid);
                        boolean throughApi = (round + step) % 2 == 0;
                        if (throughApi) {
                            AtomicBoolean done = new AtomicBoolean();
                            AtomicLong peakRss = new AtomicLong();
                            AtomicLong temp = new AtomicLong();
                            Instant began = Instant.now();
                            Thread sampler = new Thread(() -> sample(apiPid, done, peakRss, temp, began));
                            sampler.start();
                            Api.Submitted job = api.submit(file, "mp4");
                            done.set(true);
                            sampler.join();
                            viaApi.add(bytes / 1e6 / (job.upload().toMillis() / 1000.0));
                            peak = Math.max(peak, peakRss.get());
                            largestTemp = Math.max(largestTemp, temp.get());
                            addCpu(cpuViaApi, cpuBefore, cpu(apiPid, s3Pid), bytes);
                            waitUntilEnded(api, job.id());
                        } else {
                            Duration took = direct.upload(file, "benchmarks/" + System.nanoTime());
                            straight.add(bytes / 1e6 / (took.toMillis() / 1000.0));
                            addCpu(cpuStraight, cpuBefore, cpu(apiPid, s3Pid), bytes);
                        }

                    }
                }
                say("| " + gib + " GiB | " + fmt(median(viaApi)) + " " + list(viaApi) + " | " + fmt(median(straight)) + " "
                        + list(straight) + " | " + fmt(median(viaApi) / median(straight)) + " | " + peak / 1024 + " | "
                        + largestTemp / 1_000_000 + " |");
                cpu.add("| " + gib + " GiB | " + fmt(cpuViaApi[0]) + ", " + fmt(cpuViaApi[1]) + ", " + fmt(cpuViaApi[2])
                        + " | " + fmt(cpuStraight[1]) + ", " + fmt(cpuStraight[2]) + " |");
            }
        }
        say("");
        say("CPU seconds per GiB uploaded (from /proc, from the upload's start to its answer):");
        say("");
        say("| size | via the API: API, S3 server, client | direct: S3 server, client |");
        say("|---|---|---|");
        for (String row : cpu) {
            say(row);
        }
        say("");
        say("Temp files: the largest regular file under /tmp (outside this run's storage and work volume) created "
                + "or written during the upload, sampled every 2 s.");
        say("");
    }

    /** (3) A burst of short jobs with one and with two encoder processes. */
    private void throughput() throws Exception {
        int jobs = Integer.getInteger("jobs", 20);
        Path clip = clip(10);
        say("## " + jobs + " jobs at once (10 s clip to mp4; one process, plus a second encoder process)");
        say("");
        say("| encoders | jobs per minute | wait before encoding, median / max (s) |");
        say("|---|---|---|");
        Map<Integer, List<Double>> perMinute = new LinkedHashMap<>();
        Map<Integer, List<Double>> waitMedian = new LinkedHashMap<>();
        Map<Integer, List<Double>> waitMax = new LinkedHashMap<>();
        try (LocalSystem system = LocalSystem.start(repo, runDir, false, null, ffmpegEnv(Map.of()))) {
            Api api = new Api(URI.create("http://127.0.0.1:8080"), system.apiKey());
            for (int round = 0; round < ROUNDS; round++) {
                for (int encoders : round % 2 == 0 ? List.of(1, 2) : List.of(2, 1)) {
                    if (encoders == 2) {
                        system.addEncoder(8092);
                    }
                    Burst burst = burst(api, clip, "mp4", jobs);
                    system.stopExtraEncoders();
                    perMinute.computeIfAbsent(encoders, e -> new ArrayList<>()).add(burst.perMinute());
                    waitMedian.computeIfAbsent(encoders, e -> new ArrayList<>()).add(median(burst.waits()));
                    waitMax.computeIfAbsent(encoders, e -> new ArrayList<>()).add(Collections.max(burst.waits()));
                }
            }
        }
        for (int encoders : perMinute.keySet()) {
            say("| " + encoders + " | " + fmt(median(perMinute.get(encoders))) + " " + list(perMinute.get(encoders)) + " | "
                    + fmt(median(waitMedian.get(encoders))) + " / " + fmt(median(waitMax.get(encoders))) + " |");
        }
        say("");
    }

    /** (4) How long after the encoder wrote a position the API's event stream shows it. */
    private void progress() throws Exception {
        Path clip = clip(60);
        say("## Progress delay (60 s clip to mp4, one process)");
        say("");
        List<Double> delays = new ArrayList<>();
        List<Double> rates = new ArrayList<>();
        try (LocalSystem system = LocalSystem.start(repo, runDir, false, null, ffmpegEnv(Map.of()))) {
            Api api = new Api(URI.create("http://127.0.0.1:8080"), system.apiKey());
            for (int round = 0; round < ROUNDS; round++) {
                Api.Submitted job = api.submit(clip, "mp4");
                List<Api.Event> events = api.watch(job.id());
                List<Api.Event> encoding = events.stream().filter(e -> e.state().equals("ENCODING")).toList();
                for (Api.Event e : encoding.subList(Math.min(1, encoding.size()), encoding.size())) {
                    delays.add(between(e.updatedAt(), e.arrived()) * 1000);
                }
                List<FfmpegLog.Run> runs = ffmpeg.runsOf(job.id());
                double encodeSeconds = runs.stream().filter(r -> r.tool().equals("ffmpeg"))
                        .mapToDouble(r -> (r.end() - r.start()) / 1e9).sum();
                rates.add(encoding.size() / encodeSeconds);
            }
        }
        Collections.sort(delays);
        say("- write to event: median " + fmt(median(delays)) + " ms, p95 " + fmt(delays.get((int) (delays.size() * 0.95)))
                + " ms, max " + fmt(delays.get(delays.size() - 1)) + " ms over " + delays.size() + " events");
        say("- updates shown per second of ffmpeg: " + fmt(median(rates)) + " " + list(rates)
                + " (ffmpeg reports twice a second)");
        say("");
        say("The delay is the event's arrival here minus the updatedAt the encoder wrote with the position (same "
                + "clock). Between ffmpeg's report and that write: Jaffree's progress socket (milliseconds) and "
                + "encoder.progress-interval (200 ms by default), which drops a report that comes sooner than that after the "
                + "last write.");
        say("");
    }

    private record Burst(double perMinute, List<Double> waits) {}

    private Burst burst(Api api, Path clip, String formats, int jobs) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(jobs);
        try {
            Instant began = Instant.now();
            List<Future<List<Api.Event>>> watched = new ArrayList<>();
            for (int i = 0; i < jobs; i++) {
                watched.add(pool.submit(() -> api.watch(api.submit(clip, formats).id())));
            }
            Instant last = began;
            List<Double> waits = new ArrayList<>();
            for (Future<List<Api.Event>> f : watched) {
                List<Api.Event> events = f.get();
                Api.Event end = events.get(events.size() - 1);
                last = end.arrived().isAfter(last) ? end.arrived() : last;
                Instant created = Instant.parse(end.job().path("createdAt").asString());
                events.stream().filter(e -> e.state().equals("ENCODING")).findFirst()
                        .ifPresent(e -> waits.add(between(created, e.updatedAt())));
            }
            return new Burst(jobs * 60 / between(began, last), waits);
        } finally {
            pool.shutdownNow();
        }
    }

    /** queued, downloading, encoding, uploading: from each state's first updatedAt to the next's. */
    private static double[] stages(List<Api.Event> events) {
        List<String> states = List.of("QUEUED", "DOWNLOADING", "ENCODING", "UPLOADING", "COMPLETED");
        Map<String, Instant> first = new LinkedHashMap<>();
        first.put("QUEUED", Instant.parse(events.get(0).job().path("createdAt").asString()));
        for (Api.Event e : events) {
            first.putIfAbsent(e.state(), e.updatedAt());
        }
        double[] s = new double[4];
        for (int i = 0; i < 4; i++) {
            Instant from = first.get(states.get(i));
            Instant to = first.get(states.get(i + 1));
            s[i] = from == null || to == null ? Double.NaN : between(from, to);
        }
        return s;
    }

    /** CPU seconds so far of the API, the S3 server and this client. */
    private static double[] cpu(long apiPid, long s3Pid) throws IOException {
        return new double[] {LocalSystem.cpuSeconds(apiPid), LocalSystem.cpuSeconds(s3Pid),
                LocalSystem.cpuSeconds(ProcessHandle.current().pid())};
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    private static void addCpu(double[] perGib, double[] before, double[] after, long bytes) {
        for (int i = 0; i < perGib.length; i++) {
            perGib[i] += (after[i] - before[i]) / ROUNDS / (bytes / (double) (1L << 30));
        }
    }

    private void sample(long pid, AtomicBoolean done, AtomicLong peakRss, AtomicLong temp, Instant began) {
        long lastScan = 0;
        while (!done.get()) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                    if (line.startsWith("VmRSS:")) {
                        peakRss.accumulateAndGet(Long.parseLong(line.replaceAll("\\D", "")), Math::max);
                    }
                }
                if (System.nanoTime() - lastScan > 2_000_000_000L) {
                    lastScan = System.nanoTime();
                    try (Stream<Path> files = Files.walk(Path.of(System.getProperty("java.io.tmpdir")), 6)) {
                        files.filter(p -> !p.startsWith(runDir) && !p.startsWith(target)).forEach(p -> {
                            try {
                                if (Files.isRegularFile(p) && Files.getLastModifiedTime(p).toInstant().isAfter(began)) {
                                    temp.accumulateAndGet(Files.size(p), Math::max);
                                }
                            } catch (IOException | RuntimeException e) {
                                // gone meanwhile, or not ours to read
                            }
                        });
                    } catch (IOException | RuntimeException e) {
                        // a directory vanished while walking
                    }
                }
                Thread.sleep(100);
            } catch (IOException | InterruptedException e) {
                return;
            }
        }
    }

    private static void waitUntilEnded(Api api, String id) throws Exception {
        for (int i = 0; i < 900; i++) {
            String state = api.job(id).path("state").asString();
            if (state.equals("COMPLETED") || state.equals("FAILED")) {
                return;
            }
            Thread.sleep(2000);
        }
    }

    private Map<String, String> ffmpegEnv(Map<String, String> extra) {
        Map<String, String> env = new LinkedHashMap<>(extra);
        env.put("ENCODER_FFMPEG_PATH", ffmpeg.directory().toString());
        return env;
    }

    /** A 720p30 test picture with a tone, H.264 and AAC in MP4, made once. */
    private Path clip(int seconds) throws Exception {
        Path clip = target.resolve("clips/clip-" + seconds + "s.mp4");
        if (!Files.exists(clip)) {
            Files.createDirectories(clip.getParent());
            run("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=30", "-f", "lavfi",
                    "-i", "sine=frequency=440:sample_rate=48000", "-t", Integer.toString(seconds), "-c:v", "libx264",
                    "-preset", "veryfast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest", clip.toString());
        }
        return clip;
    }

    private static void run(String... command) throws Exception {
        List<String> args = new ArrayList<>(List.of(command));
        ProcessBuilder builder;
        int redirect = args.indexOf(">");
        if (redirect >= 0) {
            builder = new ProcessBuilder(args.subList(0, redirect)).redirectOutput(Path.of(args.get(redirect + 1)).toFile());
        } else {
            builder = new ProcessBuilder(args).inheritIO();
        }
        if (builder.start().waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed");
        }
    }

    private static String machine() throws Exception {
        String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                .findFirst().map(l -> l.substring(l.indexOf(':') + 2)).orElse("?");
        String mem = Files.readAllLines(Path.of("/proc/meminfo")).get(0).replaceAll("\\s+", " ");
        return Runtime.getRuntime().availableProcessors() + " cores (" + cpu + "), " + mem + ", Java "
                + Runtime.version() + " (" + System.getProperty("java.vendor") + ")";
    }

    private static String load() throws IOException {
        return Files.readString(Path.of("/proc/loadavg")).trim();
    }

    private void say(String line) throws IOException {
        System.out.println(line);
        report.append(line).append('\n');
        Files.writeString(results.resolve("BENCHMARKS-results.md"), report);
    }

    private static double between(Instant from, Instant to) {
        return Duration.between(from, to).toNanos() / 1e9;
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().filter(v -> !v.isNaN()).sorted().toList();
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String fmt(double value) {
        return String.format("%.2f", value);
    }

    private static String secs(Duration d) {
        return fmt(d.toMillis() / 1000.0);
    }

    private static String list(List<Double> values) {
        return values.stream().map(Benchmarks::fmt).reduce((a, b) -> a + ", " + b).map(s -> "(" + s + ")").orElse("");
    }

}
