package io.transcoder.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class NotifierPropertiesTests {

    private final ApplicationContextRunner context =
            new ApplicationContextRunner().withUserConfiguration(PropertiesConfiguration.class);

    @Test
    void sendsFromTheLocalAddressWithWeekLongLinksAndThirtyEmailsAnHourByDefault() {
        context.run(context -> {
            NotifierProperties properties = context.getBean(NotifierProperties.class);
            assertThat(properties.from()).isEqualTo("transcoder@localhost");
            assertThat(properties.linkTtl()).isEqualTo(Duration.ofDays(7));
            assertThat(properties.maxEmailsPerHour()).isEqualTo(30);
        });
    }

    @Test
    void acceptsLinksThatLiveExactlyAsLongAsTheirSignatureMay() {
        context.withPropertyValues("notifier.link-ttl=604800s")
                .run(context -> assertThat(context.getBean(NotifierProperties.class).linkTtl()).isEqualTo(Duration.ofDays(7)));
    }

    @Test
    void refusesLinksThatWouldOutliveTheirSignature() {
        context.withPropertyValues("notifier.link-ttl=604801s")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause().hasMessageContaining("linkTtl"));
    }

    @Test
    void refusesLinksThatExpireImmediately() {
        context.withPropertyValues("notifier.link-ttl=0s")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause().hasMessageContaining("linkTtl"));
    }

    @Test
    void refusesAnInvalidSender() {
        context.withPropertyValues("notifier.from=not an address")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("on field 'from'").hasMessageContaining("not an address"));
    }

    @Test
    void takesTheEmailLimitFromTheEnvironment() {
        context.withPropertyValues("notifier.max-emails-per-hour=5")
                .run(context -> assertThat(context.getBean(NotifierProperties.class).maxEmailsPerHour()).isEqualTo(5));
    }

    @Test
    void refusesALimitThatWouldSendNoEmailAtAll() {
        context.withPropertyValues("notifier.max-emails-per-hour=0")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("maxEmailsPerHour"));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(NotifierProperties.class)
    static class PropertiesConfiguration {}
}
