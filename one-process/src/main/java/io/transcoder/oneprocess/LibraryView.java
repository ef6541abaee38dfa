package io.transcoder.oneprocess;

import java.io.IOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;

/**
 * What one service sees of the shared libraries: only the jars of its own classpath, as if it ran alone.
 *
 * <p>Every class is still loaded once, by the shared loader; this view only hides classes and resources of jars
 * the service does not depend on. Spring Boot decides what to configure by what it finds ({@code @ConditionalOnClass},
 * the {@code AutoConfiguration.imports} of each jar, {@code spring.factories}), so without the view every context
 * would see the union of all five classpaths: Spring Security locking the encoder's health endpoint, S3 clients in
 * the encoder, the embedded servers' libraries everywhere.
 */
final class LibraryView extends ClassLoader {

    static {
        registerAsParallelCapable();
    }

    private final Set<String> jars;

    /** {@code jars}: the file names of the service's library jars in the shared loader's classpath. */
    LibraryView(String service, ClassLoader shared, Set<String> jars) {
        super(service + "-libraries", shared);
        this.jars = Set.copyOf(jars);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        String resource = name.replace('.', '/') + ".class";
        URL first = getParent().getResource(resource);
        if (first != null && !visible(first) && !onServiceClasspath(resource)) {
            throw new ClassNotFoundException(name + " is not on " + getName());
        }
        return super.loadClass(name, resolve);
    }

    /** Another jar of the service's may hold the same class (the servlet API is in Tomcat's jar too). */
    private boolean onServiceClasspath(String resource) throws ClassNotFoundException {
        try {
            return getResources(resource).hasMoreElements();
        } catch (IOException e) {
            throw new ClassNotFoundException(resource, e);
        }
    }

    @Override
    public URL getResource(String name) {
        try {
            Enumeration<URL> found = getResources(name);
            return found.hasMoreElements() ? found.nextElement() : null;
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        List<URL> visible = new ArrayList<>();
        for (URL url : Collections.list(getParent().getResources(name))) {
            if (visible(url)) {
                visible.add(url);
            }
        }
        return Collections.enumeration(visible);
    }

    /** The JDK's own classes (jrt:) and directories are always visible; a jar only when it is the service's. */
    private boolean visible(URL url) {
        if (!"jar".equals(url.getProtocol())) {
            return true;
        }
        String path = url.getPath();
        int end = path.indexOf("!/");
        String jar = path.substring(0, end < 0 ? path.length() : end);
        return jars.contains(jar.substring(jar.lastIndexOf('/') + 1));
    }
}
