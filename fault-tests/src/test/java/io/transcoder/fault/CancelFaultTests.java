package io.transcoder.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;
import software.amazon.awssdk.services.s3.S3Client;
import tools.jackson.databind.JsonNode;

/**
 * Scenario 9a: jobs cancelled while downloading (waiting in DOWNLOADING behind a busy encoder), while encoding (its
 * ffmpeg must be gone within 2 s) and while uploading (held there by cutting storage off); afterwards nothing of
 * them is left: no email, no object, no work folder.
 */
class CancelFaultTests {

    @Test
    void cancelsAJobInEachStageAndLeavesNothingOfIt() throws Exception {
        Instant started = Instant.now();
        try (FaultSystem system = new FaultSystem(FaultSetup.of("cancel")
                        .withProperties(OutageFaultTests.SHORT_BACK_OFF));
                JobWatch watch = new JobWatch(system.api())) {
            List<String> notes = new ArrayList<>();
            Submitted encoding = Workload.submit(system, watch, Workload.clip(system, "slow.mp4", 3), "mp4", 1).get(0);
            Submitted downloading = Workload.submit(system, watch, Workload.clip(system, "clip.mp4", 3), "mp4", 1)
                    .get(0);

            await().atMost(Duration.ofMinutes(2)).until(() -> watch.firstSeen(encoding.id(), "ENCODING").isPresent()
                    && watch.latest(downloading.id()).map(JobWatch::state).orElse("").equals("DOWNLOADING"));
            notes.add("cancel while DOWNLOADING: " + answer(system.api().cancel(downloading.id())));
            awaitCancelled(system, downloading);

            await("ffmpeg of " + encoding.id()).atMost(Duration.ofMinutes(1)).until(() -> !ffmpegOf(encoding).isEmpty());
            List<String> before = ffmpegOf(encoding);
            Instant cancelled = Instant.now();
            notes.add("cancel while ENCODING (ffmpeg " + before + "): " + answer(system.api().cancel(encoding.id())));
            await("ffmpeg of " + encoding.id() + " gone").atMost(Duration.ofSeconds(2))
                    .pollInterval(Duration.ofMillis(100)).until(() -> ffmpegOf(encoding).isEmpty());
            notes.add("its ffmpeg gone " + Duration.between(cancelled, Instant.now()).toMillis() + " ms later");
            awaitCancelled(system, encoding);

            Submitted uploading = Workload.submit(system, watch, Workload.clip(system, "slow-upload.mp4", 3), "mp4", 1)
                    .get(0);
            await().atMost(Duration.ofMinutes(1)).until(() -> watch.firstSeen(uploading.id(), "ENCODING").isPresent());
            system.s3Proxy().cut();
            await().atMost(Duration.ofMinutes(2)).until(() -> watch.firstSeen(uploading.id(), "UPLOADING").isPresent());
            Workload.hold(Duration.ofSeconds(3));
            notes.add("cancel while UPLOADING (storage cut): " + answer(system.api().cancel(uploading.id())));
            awaitCancelled(system, uploading);
            system.s3Proxy().restore();

            List<Submitted> jobs = List.of(downloading, encoding, uploading);
            Workload.hold(Duration.ofSeconds(20));
            Ledger ledger = Ledger.settle(system, jobs, Duration.ofMinutes(2), started, notes).report();

            assertThat(ledger.count(Ledger.Outcome.LOST)).as("lost").isZero();
            assertThat(ledger.count(Ledger.Outcome.DUPLICATED)).as("duplicated").isZero();
            assertThat(ledger.count(Ledger.Outcome.CANCELLED)).as("cancelled").isEqualTo(3);
            try (S3Client storage = system.storage()) {
                for (Submitted job : jobs) {
                    assertThat(Ledger.emails(system, job)).as("emails for " + job.id()).isZero();
                    assertThat(Ledger.objects(storage, "outputs/" + job.id() + "/")).as("outputs").isEmpty();
                    assertThat(Ledger.objects(storage, "sources/" + job.id() + "/")).as("source").isEmpty();
                }
            }
            assertThat(ledger.leftInWorkVolume()).as("work volume").isEmpty();
        }
    }

    private static String answer(ResponseEntity<JsonNode> answer) {
        return answer.getStatusCode().value() + " " + (answer.getBody() == null ? "" : answer.getBody().path("state"));
    }

    private static void awaitCancelled(FaultSystem system, Submitted job) {
        await(job.id() + " CANCELLED").atMost(Duration.ofSeconds(30)).until(() -> system.api().job(job.id())
                .map(JobWatch::state).orElse("404").equals("CANCELLED"));
    }

    /** The processes whose arguments name the job: its ffmpeg (or the wrapper that will become it). */
    private static List<String> ffmpegOf(Submitted job) {
        try {
            Process pgrep = new ProcessBuilder("pgrep", "-f", job.id()).redirectErrorStream(true).start();
            String pids = new String(pgrep.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            pgrep.waitFor();
            return pids.lines().filter(line -> !line.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
