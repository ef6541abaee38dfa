package io.transcoder.fault;

import io.transcoder.test.TestClips;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;

/** The jobs a scenario submits, and the pauses it holds a fault for. */
final class Workload {

    private Workload() {}

    /** A tiny clip (320x240, H.264 and AAC in MP4) named {@code name}: the name is what the ffmpeg wrappers look at. */
    static Path clip(FaultSystem system, String name, double seconds) {
        return TestClips.video(system.files().resolve(name), "mp4", "320x240", seconds);
    }

    /** Submits {@code count} jobs of the clip, each to its own recipient, and has the watch follow them. */
    static List<Submitted> submit(FaultSystem system, JobWatch watch, Path clip, String formats, int count) {
        List<Submitted> jobs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String recipient = "job-" + UUID.randomUUID() + "@example.com";
            String id = system.api().submit(clip, formats, recipient)
                    .orElseThrow(() -> new IllegalStateException("The API did not accept a job of " + clip));
            watch.track(id);
            jobs.add(new Submitted(id, Arrays.asList(formats.split(",")), recipient,
                    clip.getFileName().toString()));
        }
        return jobs;
    }

    /** Holds a fault for a while, the scenario's clock running (the watch keeps polling meanwhile). */
    static void hold(Duration duration) {
        Awaitility.await().pollDelay(duration).atMost(duration.plusSeconds(5)).until(() -> true);
    }
}
