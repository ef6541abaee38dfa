package io.transcoder.fault;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import tools.jackson.databind.JsonNode;

/**
 * Polls every accepted job in the background, as a client would, and remembers what it saw: each job's latest view,
 * when it was first seen in each state, and any {@code waiting} reason. A poll that fails (the API itself may be cut
 * off from Redis) is skipped.
 */
final class JobWatch implements AutoCloseable {

    static final Set<String> TERMINAL = Set.of("COMPLETED", "FAILED", "CANCELLED");
    private static final Duration INTERVAL = Duration.ofMillis(500);

    private final JobsApi api;
    private final List<String> ids = new CopyOnWriteArrayList<>();
    private final Map<String, JsonNode> latest = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Instant>> firstSeen = new ConcurrentHashMap<>();
    private final List<String> waiting = new CopyOnWriteArrayList<>();
    private final Thread poller;
    private volatile boolean running = true;

    JobWatch(JobsApi api) {
        this.api = api;
        poller = new Thread(this::poll, "job-watch");
        poller.setDaemon(true);
        poller.start();
    }

    void track(String id) {
        ids.add(id);
    }

    private void poll() {
        while (running) {
            for (String id : ids) {
                if (!latest.containsKey(id) || !TERMINAL.contains(state(latest.get(id)))) {
                    try {
                        api.job(id).ifPresent(job -> record(id, job));
                    } catch (RuntimeException e) {
                        // the API is down or answers 5xx during a fault: try again next round
                    }
                }
            }
            try {
                Thread.sleep(INTERVAL.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void record(String id, JsonNode job) {
        latest.put(id, job);
        firstSeen.computeIfAbsent(id, key -> new ConcurrentHashMap<>()).putIfAbsent(state(job), Instant.now());
        if (job.hasNonNull("waiting") && !job.get("waiting").asString().isBlank()) {
            waiting.add(id + ": " + job.get("waiting").asString());
        }
    }

    static String state(JsonNode job) {
        return job.get("state").asString();
    }

    /** Waits until some job is in {@code state}, and answers its id. */
    String awaitAnyIn(String state, Duration timeout) {
        return Awaitility.await("a job in " + state).atMost(timeout).pollInterval(Duration.ofMillis(200))
                .until(() -> latest.entrySet().stream().filter(entry -> state(entry.getValue()).equals(state))
                        .map(Map.Entry::getKey).findFirst(), Optional::isPresent).orElseThrow();
    }

    /** Waits until some job enters {@code state} after {@code since} (a job that sat in it from before does not count). */
    String awaitNewlyIn(String state, Instant since, Duration timeout) {
        return Awaitility.await("a job entering " + state).atMost(timeout).pollInterval(Duration.ofMillis(200))
                .until(() -> firstSeen.entrySet().stream()
                        .filter(entry -> entry.getValue().getOrDefault(state, Instant.MIN).isAfter(since))
                        .map(Map.Entry::getKey).findFirst(), Optional::isPresent).orElseThrow();
    }

    Optional<Instant> firstSeen(String id, String state) {
        return Optional.ofNullable(firstSeen.getOrDefault(id, Map.of()).get(state));
    }

    Optional<JsonNode> latest(String id) {
        return Optional.ofNullable(latest.get(id));
    }

    Set<String> statesSeen() {
        return firstSeen.values().stream().flatMap(states -> states.keySet().stream()).collect(Collectors.toSet());
    }

    /** How many jobs are in each state right now, as last polled: to write down what a fault hit. */
    Map<String, Long> now() {
        return latest.values().stream().collect(Collectors.groupingBy(JobWatch::state, TreeMap::new,
                Collectors.counting()));
    }

    List<String> waitingReasons() {
        return List.copyOf(waiting);
    }

    @Override
    public void close() {
        running = false;
        poller.interrupt();
    }
}
