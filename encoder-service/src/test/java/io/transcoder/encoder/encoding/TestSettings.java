package io.transcoder.encoder.encoding;

import io.transcoder.TranscoderProperties;
import io.transcoder.encoder.EncoderProperties;
import io.transcoder.formats.Format;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.io.ClassPathResource;

/** Settings bound as the application binds them, for tests that build the encoding classes themselves. */
final class TestSettings {

    private TestSettings() {}

    /** The encoder's settings: the defaults, changed by {@code name=value} pairs such as {@code stall-timeout=1s}. */
    static EncoderProperties encoder(String... properties) {
        Map<String, String> values = Arrays.stream(properties)
                .map(property -> property.split("=", 2))
                .collect(Collectors.toMap(pair -> "encoder." + pair[0], pair -> pair[1]));
        return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("encoder", EncoderProperties.class);
    }

    /** The shared settings of a test's own namespace and work volume, with this catalogue. */
    static TranscoderProperties transcoder(String namespace, Path workRoot, Map<String, Format> catalogue) {
        return new TranscoderProperties(namespace, workRoot, Duration.ofDays(1), 5, Duration.ofSeconds(10), catalogue,
                new TranscoderProperties.Retry(List.of(Duration.ofSeconds(5)), Map.of()));
    }

    /** The format catalogue every service ships with. */
    static Map<String, Format> catalogue() {
        try {
            var defaults = new YamlPropertySourceLoader()
                    .load("defaults", new ClassPathResource("transcoder-defaults.yml"));
            return new Binder(ConfigurationPropertySources.from(defaults))
                    .bind("transcoder.formats", Bindable.mapOf(String.class, Format.class))
                    .get();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Format format(String id) {
        return catalogue().get(id);
    }
}
