package io.transcoder;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ClassPathResource;

/**
 * Adds {@code transcoder-defaults.yml} as the environment's last property source: the broker settings our reliability
 * rules depend on and the format catalogue, written once for all five services, each overridable as usual.
 */
class TranscoderDefaults implements EnvironmentPostProcessor {

    private static final String DEFAULTS = "transcoder-defaults.yml";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        try {
            new YamlPropertySourceLoader()
                    .load(DEFAULTS, new ClassPathResource(DEFAULTS))
                    .forEach(environment.getPropertySources()::addLast);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
