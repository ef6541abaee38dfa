package io.transcoder.downloader.download;

import io.transcoder.downloader.DownloaderProperties;
import java.time.Duration;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/** Reads the work volume's free space every {@code downloader.space-check-interval}, the first time at start-up. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class IntakeConfiguration implements SchedulingConfigurer {

    private final JobIntake intake;
    private final DownloaderProperties properties;

    IntakeConfiguration(JobIntake intake, DownloaderProperties properties) {
        this.intake = intake;
        this.properties = properties;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addFixedDelayTask(new FixedDelayTask(intake::follow, properties.spaceCheckInterval(), Duration.ZERO));
    }
}
