package io.transcoder.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The ffmpeg and ffprobe runs of the encoder, logged by wrapper scripts in a directory given to it as
 * {@code encoder.ffmpeg-path}, so that exactly the same commands can be run bare on the same file.
 */
final class FfmpegLog {

    /** One run: when it started and ended (epoch ns), the tool, its arguments, the job's directories at its start. */
    record Run(long start, long end, String tool, List<String> args, List<String> dirs) {}

    private final Path dir;
    private final Path log;
    private final Path workDir;

    FfmpegLog(Path dir, Path workDir) throws IOException {
        this.dir = dir;
        this.log = dir.resolve("runs.log");
        this.workDir = workDir;
        Files.createDirectories(dir);
        for (String tool : List.of("ffmpeg", "ffprobe")) {
            Path wrapper = dir.resolve(tool);
            Files.writeString(wrapper, String.join("\n",
                    "#!/bin/bash",
                    "# written by the benchmarks: runs the real " + tool + " and logs the run",
                    "work='" + workDir + "'",
                    "job=''",
                    "# Jaffree names files as file: URLs",
                    "for a in \"$@\"; do a=${a#file:}; case $a in \"$work\"/*) job=${a#\"$work\"/}; job=\"$work/${job%%/*}\"; break ;; esac; done",
                    "dirs=''; [ -n \"$job\" ] && dirs=$(/usr/bin/find \"$job\" -type d | /usr/bin/tr '\\n' '|')",
                    "start=$(/usr/bin/date +%s%N)",
                    "'" + real(tool) + "' \"$@\"; rc=$?",
                    "end=$(/usr/bin/date +%s%N)",
                    "{ printf '%s\\t%s\\t%s\\t%s' \"$start\" \"$end\" " + tool + " \"$dirs\"; for a in \"$@\"; do printf '\\t%s' \"$a\"; done; printf '\\n'; } >>'" + log + "'",
                    "exit $rc", ""));
            Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    Path directory() {
        return dir;
    }

    List<Run> runsOf(String jobId) throws IOException {
        List<Run> runs = new ArrayList<>();
        if (!Files.exists(log)) {
            return runs;
        }
        for (String line : Files.readAllLines(log)) {
            String[] f = line.split("\t", -1);
            List<String> args = Arrays.asList(f).subList(4, f.length);
            if (args.stream().anyMatch(a -> a.contains(jobId))) {
                runs.add(new Run(Long.parseLong(f[0]), Long.parseLong(f[1]), f[2], args,
                        f[3].isEmpty() ? List.of() : List.of(f[3].split("\\|"))));
            }
        }
        return runs;
    }

    /** Runs a job's commands again on {@code source}, outside the system; runs that overlapped run together. */
    Duration replay(String jobId, List<Run> runs, Path source, Path scratch) throws IOException, InterruptedException {
        String from = workDir.resolve(jobId).toString();
        Path to = scratch.resolve(jobId);
        deleteTree(to);
        Files.createDirectories(to);
        Files.copy(source, to.resolve("source"));
        long total = 0;
        int i = 0;
        while (i < runs.size()) {
            List<Run> wave = new ArrayList<>(List.of(runs.get(i)));
            long waveEnd = runs.get(i).end();
            while (++i < runs.size() && runs.get(i).start() < waveEnd) {
                wave.add(runs.get(i));
                waveEnd = Math.max(waveEnd, runs.get(i).end());
            }
            for (Run run : wave) {
                for (String d : run.dirs()) {
                    Files.createDirectories(Path.of(d.replace(from, to.toString())));
                }
            }
            long start = System.nanoTime();
            List<Process> processes = new ArrayList<>();
            List<Path> outputs = new ArrayList<>();
            List<List<String>> commands = new ArrayList<>();
            for (Run run : wave) {
                List<String> command = new ArrayList<>(List.of(real(run.tool())));
                for (int a = 0; a < run.args().size(); a++) {
                    String arg = run.args().get(a);
                    if (arg.equals("-progress")) {
                        a++; // Jaffree's progress socket: nobody listens here
                        continue;
                    }
                    command.add(arg.replace(from, to.toString()));
                }
                Path output = to.resolve("replay-" + processes.size() + ".log");
                processes.add(new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(output.toFile()).start());
                outputs.add(output);
                commands.add(command);
            }
            for (int p = 0; p < processes.size(); p++) {
                if (!processes.get(p).waitFor(30, TimeUnit.MINUTES)) {
                    processes.get(p).destroyForcibly().waitFor();
                }
                // a baseline that failed in a blink would make any pipeline look slow
                if (processes.get(p).exitValue() != 0) {
                    List<String> lines = Files.readAllLines(outputs.get(p));
                    throw new IllegalStateException("The bare run failed (exit " + processes.get(p).exitValue() + "): "
                            + String.join(" ", commands.get(p)) + "\n"
                            + String.join("\n", lines.subList(Math.max(0, lines.size() - 5), lines.size())));
                }
            }
            total += System.nanoTime() - start;
        }
        deleteTree(to);
        return Duration.ofNanos(total);
    }

    private static String real(String tool) {
        for (String d : System.getenv("PATH").split(":")) {
            Path p = Path.of(d, tool);
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        return "/usr/bin/" + tool;
    }

    static void deleteTree(Path root) throws IOException {
        if (Files.exists(root)) {
            try (var paths = Files.walk(root)) {
                for (Path p : paths.sorted((a, b) -> b.compareTo(a)).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
