package io.transcoder.uploader.cleanup;

import io.transcoder.uploader.UploaderProperties;
import java.time.Duration;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * Sweeps the work volume and the sources in storage, and reaps stuck jobs, every {@code uploader.sweep-interval}.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class SweepingConfiguration implements SchedulingConfigurer {

    private final WorkVolumeSweeper sweeper;
    private final SourceSweeper sources;
    private final StuckJobReaper reaper;
    private final UploaderProperties properties;

    SweepingConfiguration(WorkVolumeSweeper sweeper, SourceSweeper sources, StuckJobReaper reaper,
            UploaderProperties properties) {
        this.sweeper = sweeper;
        this.sources = sources;
        this.reaper = reaper;
        this.properties = properties;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        // the first round comes one interval after start-up, not while the service is still finding its feet;
        // each task on its own, so that one failing does not stop the others
        Duration interval = properties.sweepInterval();
        tasks.addFixedDelayTask(new FixedDelayTask(reaper::reap, interval, interval));
        tasks.addFixedDelayTask(new FixedDelayTask(sweeper::sweep, interval, interval));
        tasks.addFixedDelayTask(new FixedDelayTask(sources::sweep, interval, interval));
    }
}
