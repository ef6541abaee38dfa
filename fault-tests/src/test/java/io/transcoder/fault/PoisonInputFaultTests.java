package io.transcoder.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Scenario 7: an upload that crashes ffmpeg (SIGSEGV) every time, among good jobs. */
class PoisonInputFaultTests {

    @Test
    void failsThePoisonJobWithAReasonWithinAMinuteAndCompletesTheOthers() throws Exception {
        Instant started = Instant.now();
        try (FaultSystem system = new FaultSystem(FaultSetup.of("poison-input"));
                JobWatch watch = new JobWatch(system.api())) {
            List<Submitted> jobs = new ArrayList<>(
                    Workload.submit(system, watch, Workload.clip(system, "clip.mp4", 3), "mp4", 3));
            Submitted poison = Workload.submit(system, watch, Workload.clip(system, "poison.mp4", 3), "mp4", 1).get(0);
            jobs.add(poison);
            jobs.addAll(Workload.submit(system, watch, Workload.clip(system, "clip.mp4", 3), "mp4", 3));

            Ledger ledger = Ledger.settle(system, jobs, Duration.ofMinutes(5), started, new ArrayList<>());
            JsonNode view = system.api().job(poison.id()).orElseThrow();
            Instant encoding = watch.firstSeen(poison.id(), "ENCODING").orElseThrow();
            Instant failed = watch.firstSeen(poison.id(), "FAILED").orElse(Instant.MAX);
            Duration toFail = Duration.between(encoding, failed);
            ledger.note("poison job " + poison.id() + ": "
                    + (view.has("error") ? view.get("error").toString() : view.get("state").asString())
                    + ", FAILED " + (failed == Instant.MAX ? "never" : toFail.toMillis() + " ms after ENCODING")).report();

            assertThat(ledger.count(Ledger.Outcome.LOST)).as("lost").isZero();
            assertThat(ledger.count(Ledger.Outcome.DUPLICATED)).as("duplicated").isZero();
            assertThat(view.get("state").asString()).isEqualTo("FAILED");
            assertThat(view.get("error").get("code").asString()).isNotBlank();
            assertThat(view.get("error").get("message").asString()).isNotBlank();
            assertThat(toFail).as("from ENCODING to FAILED").isLessThan(Duration.ofMinutes(1));
            assertThat(ledger.count(Ledger.Outcome.COMPLETED)).as("completed").isEqualTo(jobs.size() - 1);
            assertThat(ledger.leftInWorkVolume()).as("work volume").isEmpty();
        }
    }
}
