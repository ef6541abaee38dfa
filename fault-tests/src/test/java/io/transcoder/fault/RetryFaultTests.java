package io.transcoder.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import tools.jackson.databind.JsonNode;

/**
 * Scenario 9b: a job of mp4 and a format whose ffmpeg options are invalid ends COMPLETED with the failed format
 * listed; retrying it encodes that format again and leaves mp4 alone.
 */
class RetryFaultTests {

    private static final String BROKEN = "transcoder.formats.broken.";
    private static final Map<String, String> BROKEN_FORMAT = Map.of(
            BROKEN + "description", "MP4 with an invalid CRF, so that ffmpeg refuses it",
            BROKEN + "progressive.container", "mp4",
            BROKEN + "progressive.extension", "mp4",
            BROKEN + "progressive.media-type", "video/mp4",
            BROKEN + "progressive.video-codec", "libx264",
            BROKEN + "progressive.audio-codec", "aac",
            BROKEN + "progressive.options", "-crf,not-a-number");

    @Test
    void retriesOnlyTheFormatThatFailed() throws Exception {
        Instant started = Instant.now();
        try (FaultSystem system = new FaultSystem(FaultSetup.of("retry").withProperties(BROKEN_FORMAT));
                JobWatch watch = new JobWatch(system.api())) {
            Submitted job = Workload.submit(system, watch, Workload.clip(system, "clip.mp4", 3), "mp4,broken", 1)
                    .get(0);
            await("first run").atMost(Duration.ofMinutes(3)).until(() -> system.api().job(job.id())
                    .map(view -> JobWatch.TERMINAL.contains(JobWatch.state(view))).orElse(false));
            JsonNode first = system.api().job(job.id()).orElseThrow();
            int retried = system.api().retry(job.id()).getStatusCode().value();
            await("the retry's encode of broken").atMost(Duration.ofMinutes(2))
                    .until(() -> FfmpegWrappers.encodes(system.ffmpegWrappers(), job.id(), "broken") >= 2);

            Ledger ledger = Ledger.settle(system, List.of(job), Duration.ofMinutes(3), started, List.of(
                    "first run: " + first.get("state").asString() + " failures " + first.path("failures"),
                    "POST retry answered " + retried))
                    .note("ffmpeg encodes: mp4 " + FfmpegWrappers.encodes(system.ffmpegWrappers(), job.id(), "mp4")
                            + ", broken " + FfmpegWrappers.encodes(system.ffmpegWrappers(), job.id(), "broken"))
                    .report();

            assertThat(first.get("state").asString()).isEqualTo("COMPLETED");
            assertThat(first.get("failures")).singleElement().satisfies(failure -> {
                assertThat(failure.get("format").asString()).isEqualTo("broken");
                assertThat(failure.get("code").asString()).isNotBlank();
                assertThat(failure.get("reason").asString()).isNotBlank();
            });
            assertThat(retried).isEqualTo(202);
            assertThat(ledger.count(Ledger.Outcome.LOST)).as("lost").isZero();
            assertThat(ledger.count(Ledger.Outcome.DUPLICATED)).as("duplicated").isZero();
            assertThat(FfmpegWrappers.encodes(system.ffmpegWrappers(), job.id(), "mp4")).as("mp4 encodes").isEqualTo(1);
            assertThat(FfmpegWrappers.encodes(system.ffmpegWrappers(), job.id(), "broken")).as("broken encodes")
                    .isEqualTo(2);
            try (S3Client storage = system.storage()) {
                assertThat(Ledger.storedFormats(storage, job.id())).containsExactly("mp4");
            }
            assertThat(ledger.leftInWorkVolume()).as("work volume").isEmpty();
        }
    }
}
