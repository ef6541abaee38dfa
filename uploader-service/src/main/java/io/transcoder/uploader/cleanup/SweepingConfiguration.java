package io.transcoder.uploader.cleanup;

import io.transcoder.uploader.UploaderProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/** Sweeps the work volume and reaps stuck jobs every {@code uploader.sweep-interval}. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class SweepingConfiguration implements SchedulingConfigurer {

    private final WorkVolumeSweeper sweeper;
    private final StuckJobReaper reaper;
    private final UploaderProperties properties;

    SweepingConfiguration(WorkVolumeSweeper sweeper, StuckJobReaper reaper, UploaderProperties properties) {
        this.sweeper = sweeper;
        this.reaper = reaper;
        this.properties = properties;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        // reaped first: a reaped job's files are then swept once they are old enough. The first round comes one
        // interval after start-up, not while the service is still finding its feet.
        Runnable round = () -> {
            reaper.reap();
            sweeper.sweep();
        };
        tasks.addFixedDelayTask(new FixedDelayTask(round, properties.sweepInterval(), properties.sweepInterval()));
    }
}
