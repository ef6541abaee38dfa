package io.transcoder.oneprocess;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One service as the build left it in {@code target/services}: its own jar ({@code {service}.jar}, classes and
 * {@code application.yml}), and from its exec jar the {@code Start-Class} and the list of library jars
 * ({@code {service}/BOOT-INF/classpath.idx}) it runs with as a process of its own.
 */
record ServiceJar(String name, Path jar, String startClass, Set<String> libraries) {

    private static final Logger log = LoggerFactory.getLogger(ServiceJar.class);

    static ServiceJar in(Path servicesDir, String name, Path libDir) {
        Path unpacked = servicesDir.resolve(name);
        try (InputStream in = Files.newInputStream(unpacked.resolve("META-INF/MANIFEST.MF"));
                Stream<String> index = Files.lines(unpacked.resolve("BOOT-INF/classpath.idx"));
                Stream<Path> present = Files.list(libDir)) {
            String startClass = new Manifest(in).getMainAttributes().getValue("Start-Class");
            Set<String> jars = present.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
            // two groups may share an artifact id (Jackson 2 and 3): an exact name is taken first, then only an
            // artifact present once
            Map<String, String> byArtifact = jars.stream()
                    .collect(Collectors.toMap(ServiceJar::artifact, Function.identity(), (a, b) -> ""));
            Set<String> libraries = new HashSet<>();
            index.map(line -> line.substring(line.lastIndexOf('/') + 1, line.lastIndexOf('"')))
                    .filter(jar -> !jar.startsWith("spring-boot-jarmode-"))
                    .forEach(jar -> libraries.add(jars.contains(jar) ? jar : resolve(name, jar, byArtifact)));
            return new ServiceJar(name, servicesDir.resolve(name + ".jar"), startClass, libraries);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + unpacked + " (was the project built?)", e);
        }
    }

    ClassLoader classLoader(ClassLoader shared) {
        try {
            return new URLClassLoader(name, new URL[] {jar.toUri().toURL()}, new LibraryView(name, shared, libraries));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same library in another version (Maven chose one for all five): said, and used. */
    private static String resolve(String service, String jar, Map<String, String> byArtifact) {
        String present = byArtifact.get(artifact(jar));
        if (present == null || present.isEmpty()) {
            log.warn("{} needs {}, which is not in the shared libraries", service, jar);
            return jar;
        }
        log.warn("{} was built with {}, this process has {}", service, jar, present);
        return present;
    }

    /** {@code spring-core-7.0.8.jar} -> {@code spring-core}: the name up to the first "-digit". */
    private static String artifact(String jar) {
        for (int i = 0; i < jar.length() - 1; i++) {
            if (jar.charAt(i) == '-' && Character.isDigit(jar.charAt(i + 1))) {
                return jar.substring(0, i);
            }
        }
        return jar;
    }
}
