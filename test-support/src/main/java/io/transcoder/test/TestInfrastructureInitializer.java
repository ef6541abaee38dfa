package io.transcoder.test;

import java.util.LinkedHashMap;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/** Points an application context at {@link TestInfrastructure} and has {@link NamespaceCleaner} remove what it declares. */
public class TestInfrastructureInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        context.getEnvironment().getPropertySources()
                .addFirst(new MapPropertySource("testInfrastructure", new LinkedHashMap<>(TestInfrastructure.properties())));
        context.addApplicationListener(new NamespaceCleaner());
    }
}
