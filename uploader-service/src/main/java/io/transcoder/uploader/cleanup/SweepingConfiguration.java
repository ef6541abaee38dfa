package io.transcoder.uploader.cleanup;

import io.transcoder.uploader.UploaderProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/** Sweeps the work volume every {@code uploader.sweep-interval}. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class SweepingConfiguration implements SchedulingConfigurer {

    private final WorkVolumeSweeper sweeper;
    private final UploaderProperties properties;

    SweepingConfiguration(WorkVolumeSweeper sweeper, UploaderProperties properties) {
        this.sweeper = sweeper;
        this.properties = properties;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addFixedDelayTask(sweeper::sweep, properties.sweepInterval());
    }
}
