package io.transcoder.encoder.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.transcoder.jobs.FailureCode;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LauncherTests {

    private static final Duration FOUND_IN_TIME = Duration.ofSeconds(30);

    @TempDir
    Path work;

    @Test
    void startsFfmpegItselfWithAnEmptyEnvironment() throws Exception {
        Path pipe = fifo(work.resolve("source"));
        Ffmpeg ffmpeg = new Ffmpeg(TestSettings.encoder("stall-timeout=2s"));
        try (RandomAccessFile heldOpen = new RandomAccessFile(pipe.toFile(), "rw")) {
            CompletableFuture<Void> encoding = CompletableFuture.runAsync(() -> waitingOn(ffmpeg, pipe));

            ProcessHandle running = await().atMost(FOUND_IN_TIME)
                    .until(() -> reading(ProcessHandle.current(), pipe), Optional::isPresent).orElseThrow();

            assertThat(System.getenv()).as("the JVM's own environment").containsKey("PATH");
            assertThat(Files.readAllBytes(Path.of("/proc", String.valueOf(running.pid()), "environ"))).isEmpty();
            // the script replaced itself with ffmpeg, so the process the Killer kills is ffmpeg's
            assertThat(running.parent()).contains(ProcessHandle.current());
            assertThatThrownBy(encoding::join).hasCauseInstanceOf(EncodingException.class)
                    .cause().extracting("code").isEqualTo(FailureCode.ENCODER_TIMEOUT);
            await().atMost(Duration.ofSeconds(5)).until(() -> !running.isAlive());
        }
    }

    @Test
    void ffmpegDiesWithAnEncoderThatIsKilled() throws Exception {
        Path pipe = fifo(work.resolve("source"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        // its temporary directory here, since a killed JVM leaves the launcher's scripts behind
        ProcessBuilder builder = new ProcessBuilder(java.toString(), "-Djava.io.tmpdir=" + work,
                "-cp", System.getProperty("java.class.path"),
                EncodingChild.class.getName(), work.toString(), pipe.toString())
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("child.log").toFile());
        builder.environment().put("SPRING_RABBITMQ_PASSWORD", "a-secret-ffmpeg-must-not-see");
        // held open here, so that ffmpeg does not merely see its input end when the child dies
        try (RandomAccessFile heldOpen = new RandomAccessFile(pipe.toFile(), "rw")) {
            Process child = builder.start();
            try {
                ProcessHandle ffmpeg = await().atMost(FOUND_IN_TIME)
                        .until(() -> reading(child.toHandle(), pipe), Optional::isPresent).orElseThrow();
                assertThat(Files.readString(Path.of("/proc", String.valueOf(ffmpeg.pid()), "environ"))).isEmpty();

                child.destroyForcibly(); // SIGKILL: no shutdown hook, no finally block runs

                await().atMost(Duration.ofSeconds(10)).until(() -> !ffmpeg.isAlive());
            } finally {
                child.destroyForcibly();
            }
        }
    }

    /**
     * The ffmpeg that has the file open: it has then started up (and connected to Jaffree's progress socket, which
     * it fails without) and waits for input.
     */
    private static Optional<ProcessHandle> reading(ProcessHandle parent, Path file) {
        return parent.descendants()
                .filter(process -> process.info().command().orElse("").endsWith("/ffmpeg"))
                .filter(process -> hasOpen(process, file))
                .findFirst();
    }

    private static boolean hasOpen(ProcessHandle process, Path file) {
        try (Stream<Path> descriptors = Files.list(Path.of("/proc", String.valueOf(process.pid()), "fd"))) {
            return descriptors.anyMatch(descriptor -> {
                try {
                    return Files.readSymbolicLink(descriptor).equals(file);
                } catch (IOException e) {
                    return false; // closed meanwhile
                }
            });
        } catch (IOException e) {
            return false; // ended meanwhile
        }
    }

    private void waitingOn(Ffmpeg ffmpeg, Path pipe) {
        EncodingChild.encode(ffmpeg, pipe, work.resolve("out"), Duration.ofMinutes(1));
    }

    private static Path fifo(Path path) throws Exception {
        assertThat(new ProcessBuilder("mkfifo", path.toString()).start().waitFor()).isZero();
        return path;
    }
}
