package io.transcoder.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Scenario 5: every stage's message is delivered twice, with two encoders and two notifiers racing for them. */
class DuplicateDeliveryFaultTests {

    @Test
    void encodesEachFormatOnceAndEmailsOnceThoughEveryMessageArrivesTwice() throws Exception {
        Instant started = Instant.now();
        try (FaultSystem system = new FaultSystem(FaultSetup.of("duplicate-delivery").withEncoders(2).withNotifiers(2));
                JobWatch watch = new JobWatch(system.api());
                Duplicator duplicator = new Duplicator(system.rabbit().get(0), system.namespace())) {
            List<Submitted> jobs = Workload.submit(system, watch, Workload.clip(system, "clip.mp4", 3),
                    "mp4,thumbnail", 10);

            Ledger ledger = Ledger.settle(system, jobs, Duration.ofMinutes(5), started, List.of(
                    "duplicating to " + duplicator.bindings())).note(duplicator.duplicated() + " duplicates sent")
                    .report();

            assertThat(ledger.count(Ledger.Outcome.LOST)).as("lost").isZero();
            assertThat(ledger.count(Ledger.Outcome.DUPLICATED)).as("duplicated").isZero();
            assertThat(ledger.count(Ledger.Outcome.COMPLETED)).as("completed").isEqualTo(jobs.size());
            assertThat(ledger.entries()).allSatisfy(entry -> assertThat(entry.emails()).as("emails").isEqualTo(1));
            assertThat(ledger.leftInWorkVolume()).as("work volume").isEmpty();
        }
    }
}
