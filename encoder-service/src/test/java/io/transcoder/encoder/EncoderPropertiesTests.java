package io.transcoder.encoder;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

class EncoderPropertiesTests {

    private final ApplicationContextRunner context =
            new ApplicationContextRunner().withUserConfiguration(WithEncoderProperties.class);

    @Test
    void budgetsAJobBelowRabbitMqsDefaultConsumerTimeoutByDefault() {
        context.run(started -> {
            EncoderProperties properties = started.getBean(EncoderProperties.class);
            assertThat(properties.jobTimeLimit()).isEqualTo(Duration.ofMinutes(25));
            assertThat(properties.brokerConsumerTimeout()).isEqualTo(Duration.ofMinutes(30));
            assertThat(properties.stallTimeout()).isEqualTo(Duration.ofSeconds(60));
            assertThat(properties.maxDuration()).isEqualTo(Duration.ofHours(4));
            assertThat(properties.maxOutputSize()).isEqualTo(DataSize.ofGigabytes(10));
            assertThat(properties.maxFrameRate()).isEqualTo(60);
            assertThat(properties.probeSize()).isEqualTo(DataSize.ofMegabytes(5));
            assertThat(properties.analyzeDuration()).isEqualTo(Duration.ofSeconds(5));
            assertThat(properties.progressInterval()).isEqualTo(Duration.ofMillis(200));
            assertThat(properties.ffmpegPath()).isNull();
            assertThat(properties.leaseTtl()).isEqualTo(Duration.ofSeconds(30));
            assertThat(properties.leaseBusyDelay()).isEqualTo(Duration.ofSeconds(30));
        });
    }

    @Test
    void refusesToStartWhenAnEncodeMayOutlastTheConsumerTimeout() {
        context.withPropertyValues("encoder.job-time-limit=30m").run(started -> {
            assertThat(started).hasFailed();
            assertThat(started.getStartupFailure()).rootCause()
                    .hasMessageContaining("encoder.job-time-limit must be less than encoder.broker-consumer-timeout");
        });
    }

    @Test
    void allowsALongerBudgetWhenTheBrokerWaitsLonger() {
        context.withPropertyValues("encoder.job-time-limit=50m", "encoder.broker-consumer-timeout=1h")
                .run(started -> assertThat(started).hasNotFailed().hasSingleBean(EncoderProperties.class));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(EncoderProperties.class)
    static class WithEncoderProperties {}
}
