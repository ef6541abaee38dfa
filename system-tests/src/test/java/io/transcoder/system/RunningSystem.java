package io.transcoder.system;

import io.transcoder.local.EmbeddedMail;
import io.transcoder.test.ServiceProcess;
import io.transcoder.test.TestInfrastructure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.springframework.core.io.FileSystemResource;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * The five real applications, each in its own JVM, against the test infrastructure and an in-process SMTP server:
 * started by the first system test class that asks for it, shared by every other one in the same JVM (starting them
 * takes a good minute or two), and stopped once JUnit has run them all.
 *
 * <p>Each test class submits as an owner of its own ({@link #OWNERS}), so that what one owner sees (its job list,
 * its limits) is never disturbed by another class's jobs.
 */
final class RunningSystem implements AutoCloseable {

    static final List<String> OWNERS = List.of("system", "browser");
    private static final List<String> MODULES =
            List.of("api-service", "downloader-service", "encoder-service", "uploader-service", "notifier-service");

    private final EmbeddedMail mail;
    private final List<ServiceProcess> services;
    private final Map<String, String> keys;

    private RunningSystem(EmbeddedMail mail, List<ServiceProcess> services, Map<String, String> keys) {
        this.mail = mail;
        this.services = services;
        this.keys = keys;
    }

    /** The one running system of this JVM, started on the first call; the test plan's end stops it. */
    static RunningSystem of(ExtensionContext context) {
        // the root context's store closes what it holds once the whole test plan has run
        return context.getRoot().getStore(ExtensionContext.Namespace.create(RunningSystem.class))
                .computeIfAbsent(RunningSystem.class, type -> start(), RunningSystem.class);
    }

    /** Hands test classes the running system, as a parameter of a {@code @BeforeAll} method. */
    static final class Resolver implements ParameterResolver {

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == RunningSystem.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return of(context);
        }
    }

    private static RunningSystem start() {
        EmbeddedMail mail = new EmbeddedMail(0, 0);
        List<ServiceProcess> services = new ArrayList<>();
        try {
            Map<String, String> properties = new HashMap<>(TestInfrastructure.properties());
            properties.put("spring.mail.host", "127.0.0.1");
            properties.put("spring.mail.port", String.valueOf(mail.smtpPort()));
            Map<String, String> keys = new LinkedHashMap<>();
            for (String owner : OWNERS) {
                String key = "tc_" + UUID.randomUUID();
                keys.put(owner, key);
                properties.put("api.keys." + owner, sha256(key));
            }
            // a format whose renditions stop after a second: the encoder's check must refuse to ship them
            String truncated = "transcoder.formats.truncated.";
            properties.put(truncated + "description", "MP4 cut short, to test the output check");
            properties.put(truncated + "progressive.container", "mp4");
            properties.put(truncated + "progressive.extension", "mp4");
            properties.put(truncated + "progressive.media-type", "video/mp4");
            properties.put(truncated + "progressive.video-codec", "libx264");
            properties.put(truncated + "progressive.audio-codec", "aac");
            properties.put(truncated + "progressive.options", "-preset,ultrafast,-t,1");
            int apiPort = ServiceProcess.freePort();
            properties.put("transcoder.links.public-url", "http://127.0.0.1:" + apiPort);
            services.add(ServiceProcess.start(MODULES.get(0), apiPort, properties));
            for (String module : MODULES.subList(1, MODULES.size())) {
                services.add(ServiceProcess.start(module, properties));
            }
            services.forEach(service -> service.awaitHealthy(Duration.ofMinutes(3)));
            return new RunningSystem(mail, List.copyOf(services), Map.copyOf(keys));
        } catch (IOException | RuntimeException e) {
            services.forEach(ServiceProcess::close);
            mail.close();
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    ServiceProcess api() {
        return services.get(0);
    }

    /** The address the page and the API are served at. */
    URI apiUri(String path) {
        return api().uri(path);
    }

    /** Where the renditions' links point: the object storage, the only other host a browser ever talks to. */
    URI storageEndpoint() {
        return URI.create(TestInfrastructure.properties().get("transcoder.storage.endpoint"));
    }

    EmbeddedMail mail() {
        return mail;
    }

    /** The API key of one of {@link #OWNERS}. */
    String key(String owner) {
        String key = keys.get(owner);
        if (key == null) {
            throw new IllegalArgumentException("No owner " + owner + " in this system; the owners are " + OWNERS);
        }
        return key;
    }

    /** A client of the API acting for {@code owner}. */
    RestClient http(String owner) {
        return RestClient.builder()
                .requestFactory(new JdkClientHttpRequestFactory())
                .baseUrl(api().uri("").toString())
                .defaultHeader("Authorization", "Bearer " + key(owner))
                .build();
    }

    /** Submits a video over the API as {@code owner}, as a program would; answers the new job's id. */
    String submit(String owner, Path video, String formats, String email) {
        MultipartBodyBuilder form = new MultipartBodyBuilder();
        form.part("formats", formats);
        form.part("email", email);
        form.part("file", new FileSystemResource(video));
        JsonNode accepted = http(owner).post().uri("/api/jobs").contentType(MediaType.MULTIPART_FORM_DATA)
                .body(form.build()).retrieve().body(JsonNode.class);
        return accepted.get("id").asString();
    }

    /** A job as the API shows it to {@code owner}. */
    JsonNode job(String owner, String id) {
        return http(owner).get().uri("/api/jobs/{id}", id).retrieve().body(JsonNode.class);
    }

    @Override
    public void close() {
        services.forEach(ServiceProcess::close);
        mail.close();
    }

    private static String sha256(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
