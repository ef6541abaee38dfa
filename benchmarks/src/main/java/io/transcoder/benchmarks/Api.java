package io.transcoder.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The system's own API, as a client uses it: {@code POST /api/jobs}, {@code GET /api/jobs/{id}/events}. */
final class Api {

    /** A job the API accepted: its id, and when the 202 arrived. */
    record Submitted(String id, Instant accepted, Duration upload) {}

    /** One event of a job's stream: when it arrived here, and the job as the API showed it. */
    record Event(Instant arrived, JsonNode job) {
        String state() {
            return job.path("state").asString();
        }

        Instant updatedAt() {
            return Instant.parse(job.path("updatedAt").asString());
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;
    private final String key;

    Api(URI base, String key) {
        this.base = base;
        this.key = key;
    }

    Submitted submit(Path video, String formats) throws IOException, InterruptedException {
        String boundary = "bench-" + UUID.randomUUID();
        String head = part(boundary, "formats", formats) + part(boundary, "email", "bench@example.com")
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                + video.getFileName() + "\"\r\nContent-Type: application/octet-stream\r\n\r\n";
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/jobs"))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(BodyPublishers.concat(BodyPublishers.ofString(head), BodyPublishers.ofFile(video),
                        BodyPublishers.ofString("\r\n--" + boundary + "--\r\n")))
                .build();
        long start = System.nanoTime();
        var response = http.send(request, BodyHandlers.ofString());
        Instant accepted = Instant.now();
        if (response.statusCode() != 202) {
            throw new IllegalStateException("POST /api/jobs answered " + response.statusCode() + ": " + response.body());
        }
        return new Submitted(JSON.readTree(response.body()).path("id").asString(), accepted,
                Duration.ofNanos(System.nanoTime() - start));
    }

    /** Streams that fell silent while their job ended (see BENCHMARKS.md: a listener race in the API). */
    static final java.util.concurrent.atomic.AtomicInteger HUNG = new java.util.concurrent.atomic.AtomicInteger();

    /**
     * Follows the job's event stream until it ends (COMPLETED or FAILED). A stream that stays silent although the job
     * has ended is closed after 3 s and ends with the job as GET shows it, its arrival time the job's own updatedAt.
     */
    List<Event> watch(String id) throws IOException, InterruptedException {
        java.util.concurrent.atomic.AtomicReference<java.io.InputStream> body = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.atomic.AtomicReference<JsonNode> ended = new java.util.concurrent.atomic.AtomicReference<>();
        Thread watchdog = new Thread(() -> {
            try {
                while (true) {
                    Thread.sleep(3000);
                    JsonNode job = job(id);
                    String state = job.path("state").asString();
                    if (state.equals("COMPLETED") || state.equals("FAILED")) {
                        Thread.sleep(3000);
                        ended.set(job);
                        java.io.InputStream in = body.get();
                        if (in != null) {
                            in.close();
                        }
                        return;
                    }
                }
            } catch (IOException | InterruptedException e) {
                // the stream ended by itself
            }
        });
        watchdog.setDaemon(true);
        watchdog.start();
        try {
            return follow(id, body, ended);
        } finally {
            watchdog.interrupt();
        }
    }

    private List<Event> follow(String id, java.util.concurrent.atomic.AtomicReference<java.io.InputStream> body,
            java.util.concurrent.atomic.AtomicReference<JsonNode> ended) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/jobs/" + id + "/events"))
                .header("Authorization", "Bearer " + key).header("Accept", "text/event-stream").build();
        var response = http.send(request, BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("events of " + id + " answered " + response.statusCode());
        }
        body.set(response.body());
        List<Event> events = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            StringBuilder data = new StringBuilder();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.startsWith("data:")) {
                    data.append(line.substring(5));
                } else if (line.isEmpty() && data.length() > 0) {
                    Event event = new Event(Instant.now(), JSON.readTree(data.toString()));
                    data.setLength(0);
                    events.add(event);
                    if (event.state().equals("COMPLETED") || event.state().equals("FAILED")) {
                        return events;
                    }
                }
            }
        } catch (IOException e) {
            if (ended.get() == null) {
                throw e;
            }
        }
        JsonNode job = ended.get() != null ? ended.get() : job(id);
        HUNG.incrementAndGet();
        events.add(new Event(Instant.parse(job.path("updatedAt").asString()), job));
        return events;
    }

    JsonNode job(String id) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/jobs/" + id))
                .header("Authorization", "Bearer " + key).build();
        return JSON.readTree(http.send(request, BodyHandlers.ofString()).body());
    }

    private static String part(String boundary, String name, String value) {
        return "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n";
    }
}
