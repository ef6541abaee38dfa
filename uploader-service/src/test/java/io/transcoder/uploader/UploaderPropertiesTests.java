package io.transcoder.uploader;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class UploaderPropertiesTests {

    private final ApplicationContextRunner context =
            new ApplicationContextRunner().withUserConfiguration(PropertiesConfiguration.class);

    @Test
    void storesEightFilesAtOnceByDefault() {
        context.run(context -> assertThat(context.getBean(UploaderProperties.class).parallelUploads()).isEqualTo(8));
    }

    @Test
    void takesTheNumberOfFilesStoredAtOnceFromTheEnvironment() {
        context.withPropertyValues("uploader.parallel-uploads=32")
                .run(context -> assertThat(context.getBean(UploaderProperties.class).parallelUploads()).isEqualTo(32));
    }

    @Test
    void refusesToStoreNoFileAtATime() {
        context.withPropertyValues("uploader.parallel-uploads=0")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("parallelUploads"));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(UploaderProperties.class)
    static class PropertiesConfiguration {}
}
