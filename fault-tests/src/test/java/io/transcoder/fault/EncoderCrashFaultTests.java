package io.transcoder.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Scenario 1: the encoder is SIGKILLed three times mid-encode and started again each time. */
class EncoderCrashFaultTests {

    @Test
    void completesEveryJobThoughTheEncoderIsKilledThreeTimesMidEncode() throws Exception {
        Instant started = Instant.now();
        try (FaultSystem system = new FaultSystem(FaultSetup.of("encoder-killed"));
                JobWatch watch = new JobWatch(system.api())) {
            Path clip = Workload.clip(system, "clip.mp4", 3);
            List<Submitted> jobs = Workload.submit(system, watch, clip, "mp4", 20);
            List<String> notes = new ArrayList<>();
            Instant since = started;
            for (int kill = 1; kill <= 3; kill++) {
                String encoding = watch.awaitNewlyIn("ENCODING", since, Duration.ofMinutes(3));
                notes.add("kill " + kill + ": SIGKILL while job " + encoding + " was ENCODING; states " + watch.now());
                system.killAndRestart("encoder-1");
                since = Instant.now();
            }

            Ledger ledger = Ledger.settle(system, jobs, Duration.ofMinutes(5), started, notes).report();

            assertThat(ledger.count(Ledger.Outcome.LOST)).as("lost").isZero();
            assertThat(ledger.count(Ledger.Outcome.DUPLICATED)).as("duplicated").isZero();
            assertThat(ledger.count(Ledger.Outcome.COMPLETED)).as("completed").isEqualTo(jobs.size());
            assertThat(ledger.leftInWorkVolume()).as("work volume").isEmpty();
        }
    }
}
