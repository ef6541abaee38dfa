package io.transcoder.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Scenario 8: an encode (about 40 s: the ffmpeg wrapper sleeps 30 s for a file named {@code slow*}) outlasting the
 * broker's consumer timeout (10 s), with two encoders that could both take the message. RabbitMQ 3.10 checks the
 * timeout only on its channel tick ({@code channel_tick_interval}, 60 s by default, so a 10 s timeout would act after
 * 10-70 s); the node's advanced.config sets the tick to 1 s so that the timeout acts after 10-11 s. The encoders keep
 * their default settings: they are not told the broker's timeout.
 */
class LongEncodeFaultTests {

    @Test
    void encodesOnceAndCompletesAnEncodeLongerThanTheConsumerTimeout() throws Exception {
        Instant started = Instant.now();
        try (FaultSystem system = new FaultSystem(FaultSetup.of("long-encode")
                        .withRabbit(List.of("consumer_timeout = 10000"), "[{rabbit, [{channel_tick_interval, 1000}]}].")
                        .withEncoders(2));
                JobWatch watch = new JobWatch(system.api())) {
            List<Submitted> jobs = Workload.submit(system, watch, Workload.clip(system, "slow.mp4", 3), "mp4", 1);
            String id = jobs.get(0).id();

            Ledger ledger = Ledger.settle(system, jobs, Duration.ofMinutes(5), started, List.of(
                    "consumer_timeout on the node: " + system.rabbit().get(0).ctl("eval",
                            "application:get_env(rabbit, consumer_timeout).").strip()))
                    .note("ffmpeg encodes started for mp4: "
                            + FfmpegWrappers.encodes(system.ffmpegWrappers(), id, "mp4"))
                    .report();

            assertThat(ledger.count(Ledger.Outcome.LOST)).as("lost").isZero();
            assertThat(ledger.count(Ledger.Outcome.DUPLICATED)).as("duplicated").isZero();
            assertThat(ledger.count(Ledger.Outcome.COMPLETED)).as("completed").isEqualTo(1);
            assertThat(FfmpegWrappers.encodes(system.ffmpegWrappers(), id, "mp4")).as("ffmpeg encodes").isEqualTo(1);
            assertThat(ledger.leftInWorkVolume()).as("work volume").isEmpty();
        }
    }
}
