package io.transcoder.oneprocess;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringApplicationRunListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.DefaultResourceLoader;

/**
 * One service's Spring application context, started through the service's own {@code main} in the service's own
 * class loader, with the arguments it would get as a process of its own.
 */
final class Service {

    /**
     * What differs from a process of its own: no JVM shutdown hook per context (the launcher closes them, services
     * before storage and mail), no banner, and no meters in Micrometer's JVM-wide global registry.
     */
    private static final Map<String, Object> DEFAULTS = Map.of("management.metrics.use-global-registry", false);

    private final ServiceJar jar;
    private final ClassLoader loader;
    private volatile ConfigurableApplicationContext context;

    Service(ServiceJar jar, ClassLoader shared) {
        this.jar = jar;
        this.loader = jar.classLoader(shared);
        ServiceLogs.register(loader, jar.name());
    }

    String name() {
        return jar.name();
    }

    /** Starts the context on this thread and returns once it is ready; threads it starts inherit its loader. */
    Duration start(List<String> args) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        long started = System.nanoTime();
        try {
            Method main = Class.forName(jar.startClass(), false, loader).getMethod("main", String[].class);
            AtomicReference<ConfigurableApplicationContext> ready = new AtomicReference<>();
            SpringApplication.withHook(application -> {
                application.setResourceLoader(new DefaultResourceLoader(loader));
                application.setRegisterShutdownHook(false);
                application.setBannerMode(Banner.Mode.OFF);
                application.setDefaultProperties(DEFAULTS);
                return new SpringApplicationRunListener() {
                    @Override
                    public void started(ConfigurableApplicationContext context, Duration timeTaken) {
                        ready.set(context);
                    }
                };
            }, () -> main.invoke(null, (Object) args.toArray(String[]::new)));
            context = ready.get();
            if (context == null) {
                throw new IllegalStateException(jar.name() + " returned from main without a context");
            }
            return Duration.ofNanos(System.nanoTime() - started);
        } catch (RuntimeException e) {
            // the hook's supplier wraps what main threw
            Throwable cause = e;
            while ((cause instanceof InvocationTargetException || cause.getClass() == RuntimeException.class)
                    && cause.getCause() != null) {
                cause = cause.getCause();
            }
            throw cause instanceof Exception exception ? exception : e;
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    void stop() {
        ConfigurableApplicationContext running = context;
        if (running != null) {
            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            thread.setContextClassLoader(loader);
            try {
                running.close();
            } finally {
                thread.setContextClassLoader(previous);
            }
        }
    }
}
