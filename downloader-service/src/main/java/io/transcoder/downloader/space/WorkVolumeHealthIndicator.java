package io.transcoder.downloader.space;

import java.nio.file.Path;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * The {@code workVolume} health: OUT_OF_SERVICE while the downloader takes no jobs for want of room (alive, and
 * taking jobs again by itself once there is room), with the figures that explain it.
 */
class WorkVolumeHealthIndicator extends AbstractHealthIndicator {

    private final SpaceGate gate;
    private final Path root;

    WorkVolumeHealthIndicator(SpaceGate gate, Path root) {
        super("Could not read the free space of the work volume");
        this.gate = gate;
        this.root = root;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        gate.waiting().ifPresentOrElse(
                waiting -> builder.outOfService()
                        .withDetail("waitingForBytes", waiting.needed())
                        .withDetail("waitingSince", waiting.since().toString()),
                builder::up);
        builder.withDetail("path", root.toString())
                .withDetail("freeBytes", gate.freeBytes())
                .withDetail("minFreeBytes", gate.minFree());
    }
}
