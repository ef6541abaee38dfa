package io.transcoder.test;

import java.util.LinkedHashMap;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/** Points an application context at {@link TestInfrastructure} and cleans its namespace up when it closes. */
public class TestInfrastructureInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        context.getEnvironment().getPropertySources()
                .addFirst(new MapPropertySource("testInfrastructure", new LinkedHashMap<>(TestInfrastructure.properties())));
        context.getBeanFactory().registerSingleton("namespaceCleaner", new NamespaceCleaner(context));
    }
}
