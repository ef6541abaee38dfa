package io.transcoder.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Scenario 2: the RabbitMQ node is stopped mid-pipeline, kept down ten seconds and started again. */
class BrokerRestartFaultTests {

    @Test
    void completesEveryJobThoughTheBrokerRestartsWhileJobsAreInEveryStage() throws Exception {
        Instant started = Instant.now();
        try (FaultSystem system = new FaultSystem(FaultSetup.of("broker-restarted"));
                JobWatch watch = new JobWatch(system.api())) {
            List<Submitted> jobs = Workload.submit(system, watch, Workload.clip(system, "clip.mp4", 3), "mp4", 20);
            List<String> notes = new ArrayList<>();
            watch.awaitAnyIn("ENCODING", Duration.ofMinutes(3));
            RabbitNode node = system.rabbit().get(0);
            notes.add("stopping " + node.nodeName() + " with jobs " + watch.now());
            node.stop();
            Workload.hold(Duration.ofSeconds(10));
            notes.add("while it was down: " + watch.now());
            node.start();
            notes.add(node.nodeName() + " back after a start of " + node.lastStart().toMillis() + " ms");

            Ledger ledger = Ledger.settle(system, jobs, Duration.ofMinutes(5), started, notes)
                    .note("states seen over the run: " + watch.statesSeen()).report();

            assertThat(ledger.count(Ledger.Outcome.LOST)).as("lost").isZero();
            assertThat(ledger.count(Ledger.Outcome.DUPLICATED)).as("duplicated").isZero();
            assertThat(ledger.count(Ledger.Outcome.COMPLETED)).as("completed").isEqualTo(jobs.size());
            assertThat(watch.statesSeen()).as("stages the jobs were seen in")
                    .contains("QUEUED", "DOWNLOADING", "ENCODING", "UPLOADING");
            assertThat(ledger.leftInWorkVolume()).as("work volume").isEmpty();
        }
    }
}
