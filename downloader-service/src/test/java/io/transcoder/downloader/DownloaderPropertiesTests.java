package io.transcoder.downloader;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

class DownloaderPropertiesTests {

    private final ApplicationContextRunner context =
            new ApplicationContextRunner().withUserConfiguration(PropertiesConfiguration.class);

    @Test
    void keepsTwoGigabytesFreeAndLooksEveryTenSecondsByDefault() {
        context.run(context -> {
            DownloaderProperties properties = context.getBean(DownloaderProperties.class);
            assertThat(properties.minFreeSpace()).isEqualTo(DataSize.ofGigabytes(2));
            assertThat(properties.spaceCheckInterval()).isEqualTo(Duration.ofSeconds(10));
        });
    }

    @Test
    void takesBothFromTheEnvironment() {
        context.withPropertyValues("downloader.min-free-space=500MB", "downloader.space-check-interval=1m").run(context -> {
            DownloaderProperties properties = context.getBean(DownloaderProperties.class);
            assertThat(properties.minFreeSpace()).isEqualTo(DataSize.ofMegabytes(500));
            assertThat(properties.spaceCheckInterval()).isEqualTo(Duration.ofMinutes(1));
        });
    }

    @Test
    void refusesANegativeMinimum() {
        context.withPropertyValues("downloader.min-free-space=-1MB")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("downloader.min-free-space must not be negative"));
    }

    @Test
    void refusesAnIntervalOfNothing() {
        context.withPropertyValues("downloader.space-check-interval=0s")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("spaceCheckInterval"));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(DownloaderProperties.class)
    static class PropertiesConfiguration {}
}
