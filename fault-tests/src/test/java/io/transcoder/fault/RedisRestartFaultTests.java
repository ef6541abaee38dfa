package io.transcoder.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Scenario 4: Redis (append-only, synced on every write) is SIGKILLed mid-pipeline and started again 5 s later. */
class RedisRestartFaultTests {

    @Test
    void completesEveryJobThoughRedisRestartsMidPipeline() throws Exception {
        Instant started = Instant.now();
        try (FaultSystem system = new FaultSystem(FaultSetup.of("redis-restarted"));
                JobWatch watch = new JobWatch(system.api())) {
            List<Submitted> jobs = Workload.submit(system, watch, Workload.clip(system, "clip.mp4", 3), "mp4", 20);
            List<String> notes = new ArrayList<>();
            watch.awaitAnyIn("ENCODING", Duration.ofMinutes(3));
            notes.add("SIGKILL to redis with jobs " + watch.now());
            system.redis().kill();
            Workload.hold(Duration.ofSeconds(5));
            system.redis().start();
            notes.add("redis back (from its append-only file)");

            Ledger ledger = Ledger.settle(system, jobs, Duration.ofMinutes(5), started, notes).report();

            assertThat(ledger.count(Ledger.Outcome.LOST)).as("lost").isZero();
            assertThat(ledger.count(Ledger.Outcome.DUPLICATED)).as("duplicated").isZero();
            assertThat(ledger.count(Ledger.Outcome.COMPLETED)).as("completed").isEqualTo(jobs.size());
            assertThat(ledger.leftInWorkVolume()).as("work volume").isEmpty();
        }
    }
}
