package io.transcoder.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Scenario 6: storage unreachable for two minutes from the moment the last job is accepted (so while jobs download,
 * and then while the encoded ones upload), and the mail server for ten. The services wait it out (shortened back-off,
 * hour-long budgets) instead of failing the jobs.
 */
class OutageFaultTests {

    static final Map<String, String> SHORT_BACK_OFF = Map.of(
            "transcoder.retry.delays", "2s,5s,10s,20s",
            "transcoder.retry.budgets.downloader", "1h",
            "transcoder.retry.budgets.encoder", "1h",
            "transcoder.retry.budgets.uploader", "1h",
            "transcoder.retry.budgets.notifier", "1h");

    @Test
    void completesEveryJobAndSendsEveryEmailOnceAfterStorageAndMailComeBack() throws Exception {
        Instant started = Instant.now();
        try (FaultSystem system = new FaultSystem(FaultSetup.of("storage-and-mail-outage")
                        .withProperties(SHORT_BACK_OFF));
                JobWatch watch = new JobWatch(system.api())) {
            List<Submitted> jobs = Workload.submit(system, watch, Workload.clip(system, "clip.mp4", 3), "mp4", 10);
            List<String> notes = new ArrayList<>();
            // at once: tiny sources are all downloaded within seconds, and the cut must catch downloads too
            Instant cut = Instant.now();
            system.s3Proxy().cut();
            system.smtpProxy().cut();
            notes.add("S3 and SMTP cut with jobs " + watch.now());
            Workload.hold(Duration.ofMinutes(2));
            List<String> waitingDuringOutage = watch.waitingReasons();
            notes.add("after 2 min of no S3: " + watch.now() + "; waiting reasons seen: "
                    + waitingDuringOutage.stream().distinct().limit(5).toList());
            system.s3Proxy().restore();
            Workload.hold(Duration.ofMinutes(10).minus(Duration.between(cut, Instant.now())));
            notes.add("SMTP restored after " + Duration.between(cut, Instant.now()).toSeconds() + " s, jobs "
                    + watch.now());
            system.smtpProxy().restore();

            Ledger ledger = Ledger.settle(system, jobs, Duration.ofMinutes(10), started, notes).report();

            assertThat(ledger.count(Ledger.Outcome.LOST)).as("lost").isZero();
            assertThat(ledger.count(Ledger.Outcome.DUPLICATED)).as("duplicated").isZero();
            assertThat(ledger.count(Ledger.Outcome.COMPLETED)).as("completed").isEqualTo(jobs.size());
            assertThat(ledger.entries()).allSatisfy(entry -> assertThat(entry.emails()).as("emails").isEqualTo(1));
            assertThat(waitingDuringOutage).as("the job view's waiting while storage was out").isNotEmpty();
            assertThat(ledger.leftInWorkVolume()).as("work volume").isEmpty();
        }
    }
}
