package io.transcoder.fault;

import io.transcoder.test.ReceivedEmail;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;
import tools.jackson.databind.JsonNode;

/**
 * Every accepted job of a scenario, accounted for once its faults have ended: completed (COMPLETED, and every
 * rendition it promises is in storage), failed with a reason, cancelled, lost (not ended by the deadline, 404, a
 * COMPLETED job whose renditions are not all stored, or a FAILED one without a reason) or duplicated (more than one
 * email, or one format encoded more than once). Lost and duplicated outrank the rest.
 */
final class Ledger {

    enum Outcome { COMPLETED, FAILED, CANCELLED, LOST, DUPLICATED }

    /**
     * @param encodes per format, the encoder logs' "encoded" lines ({@link EncodeLog}): what duplicated counts
     * @param ffmpegRuns per format, the encodes ffmpeg actually started ({@link FfmpegWrappers#encodes})
     */
    record Entry(Submitted job, String state, Outcome outcome, int emails, Map<String, Long> encodes,
            Map<String, Long> ffmpegRuns, String detail) {

        Entry(Submitted job, String state, Outcome outcome, int emails, Map<String, Long> encodes, String detail) {
            this(job, state, outcome, emails, encodes, Map.of(), detail);
        }

        Entry withFfmpegRuns(Map<String, Long> runs) {
            return new Entry(job, state, outcome, emails, encodes, runs, detail);
        }
    }

    private final String scenario;
    private final Duration took;
    private final List<Entry> entries;
    private final Set<String> leftInWorkVolume;
    private final List<String> notes;

    private Ledger(String scenario, Duration took, List<Entry> entries, Set<String> leftInWorkVolume,
            List<String> notes) {
        this.scenario = scenario;
        this.took = took;
        this.entries = entries;
        this.leftInWorkVolume = leftInWorkVolume;
        this.notes = new ArrayList<>(notes);
    }

    /** Waits (up to {@code deadline}) for every job to end, then for the mailbox and work volume to settle, and counts. */
    static Ledger settle(FaultSystem system, List<Submitted> jobs, Duration deadline, Instant started,
            List<String> notes) {
        awaitQuietly(deadline, () -> jobs.stream().allMatch(job -> system.api().job(job.id())
                .map(view -> JobWatch.TERMINAL.contains(JobWatch.state(view))).orElse(true)));
        // emails follow COMPLETED; a duplicate would follow the first
        awaitQuietly(Duration.ofMinutes(2), () -> jobs.stream().allMatch(job -> emails(system, job) > 0
                || system.api().job(job.id()).map(view -> JobWatch.state(view).equals("CANCELLED")).orElse(true)));
        awaitQuietly(Duration.ofSeconds(30), () -> jobFolders(system.workDir()).isEmpty());
        List<Entry> entries = new ArrayList<>();
        try (S3Client storage = system.storage()) {
            for (Submitted job : jobs) {
                Map<String, Long> runs = new LinkedHashMap<>();
                job.formats().forEach(format -> runs.put(format,
                        FfmpegWrappers.encodes(system.ffmpegWrappers(), job.id(), format)));
                entries.add(entry(system, storage, job).withFfmpegRuns(runs));
            }
        }
        List<String> allNotes = new ArrayList<>(notes);
        allNotes.add("service jars built " + FaultSystem.jarsBuilt());
        return new Ledger(system.scenario(), Duration.between(started, Instant.now()), entries,
                jobFolders(system.workDir()), allNotes);
    }

    private static Entry entry(FaultSystem system, S3Client storage, Submitted job) {
        int emails = emails(system, job);
        Map<String, Long> encodes = new LinkedHashMap<>();
        job.formats().forEach(format -> encodes.put(format, EncodeLog.count(system.encoderLogs(), job.id(), format)));
        JsonNode view = system.api().job(job.id()).orElse(null);
        if (view == null) {
            return new Entry(job, "404", Outcome.LOST, emails, encodes, "the API does not know the job");
        }
        String state = JobWatch.state(view);
        if (!JobWatch.TERMINAL.contains(state)) {
            return new Entry(job, state, Outcome.LOST, emails, encodes, "not ended at the deadline");
        }
        if (emails > 1 || encodes.values().stream().anyMatch(count -> count > 1)) {
            return new Entry(job, state, Outcome.DUPLICATED, emails, encodes, emails + " emails, encodes " + encodes);
        }
        if (state.equals("CANCELLED")) {
            return new Entry(job, state, Outcome.CANCELLED, emails, encodes, "");
        }
        if (state.equals("FAILED")) {
            JsonNode error = view.get("error");
            boolean reasoned = error != null && error.hasNonNull("code") && error.hasNonNull("message");
            return new Entry(job, state, reasoned ? Outcome.FAILED : Outcome.LOST, emails, encodes,
                    reasoned ? error.get("code").asString() + ": " + error.get("message").asString()
                            : "FAILED without a reason");
        }
        Set<String> stored = storedFormats(storage, job.id());
        Set<String> promised = new TreeSet<>(job.formats());
        if (view.hasNonNull("failures")) {
            view.get("failures").forEach(failure -> promised.remove(failure.get("format").asString()));
        }
        promised.removeAll(stored);
        return promised.isEmpty() ? new Entry(job, state, Outcome.COMPLETED, emails, encodes, "")
                : new Entry(job, state, Outcome.LOST, emails, encodes, "COMPLETED, but not stored: " + promised);
    }

    /** Emails for the job: to its own recipient, or naming its id. */
    static int emails(FaultSystem system, Submitted job) {
        int count = 0;
        for (MimeMessage message : system.mail().greenMail().getReceivedMessages()) {
            try {
                ReceivedEmail email = ReceivedEmail.of(message);
                if (email.to().contains(job.recipient()) || email.text().contains(job.id())
                        || email.subject().contains(job.id())) {
                    count++;
                }
            } catch (Exception e) {
                throw new IllegalStateException("Unreadable email", e);
            }
        }
        return count;
    }

    static Set<String> storedFormats(S3Client storage, String jobId) {
        return objects(storage, "outputs/" + jobId + "/").stream()
                .map(object -> object.key().split("/")[2]).collect(Collectors.toCollection(TreeSet::new));
    }

    static List<S3Object> objects(S3Client storage, String prefix) {
        return storage.listObjectsV2Paginator(list -> list.bucket(FaultSystem.BUCKET).prefix(prefix)).contents()
                .stream().toList();
    }

    static Set<String> jobFolders(Path workDir) {
        try (Stream<Path> folders = Files.list(workDir)) {
            return folders.map(folder -> folder.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void awaitQuietly(Duration timeout, java.util.concurrent.Callable<Boolean> condition) {
        try {
            Awaitility.await().atMost(timeout).pollInterval(Duration.ofSeconds(1))
                    .ignoreExceptions().until(condition);
        } catch (ConditionTimeoutException e) {
            // the ledger says what did not happen
        }
    }

    /** Something the scenario saw that the table should say. */
    Ledger note(String note) {
        notes.add(note);
        return this;
    }

    long count(Outcome outcome) {
        return entries.stream().filter(entry -> entry.outcome() == outcome).count();
    }

    List<Entry> entries() {
        return entries;
    }

    Set<String> leftInWorkVolume() {
        return leftInWorkVolume;
    }

    String table() {
        StringBuilder table = new StringBuilder();
        table.append("Fault scenario ").append(scenario).append(": ").append(entries.size()).append(" accepted, took ")
                .append(took.toMinutesPart() + took.toHoursPart() * 60).append("m ").append(took.toSecondsPart())
                .append("s\n");
        table.append(String.format("%-12s %5s%n", "outcome", "jobs"));
        for (Outcome outcome : Outcome.values()) {
            table.append(String.format("%-12s %5d%n", outcome.name().toLowerCase(), count(outcome)));
        }
        table.append("work volume: ").append(leftInWorkVolume.isEmpty() ? "empty"
                : leftInWorkVolume.size() + " folders left " + leftInWorkVolume).append('\n');
        notes.forEach(note -> table.append("note: ").append(note).append('\n'));
        table.append(String.format("%-36s %-10s %-10s %6s  %s%n", "job", "state", "outcome", "emails",
                "\"encoded\" log lines / ffmpeg encodes run / detail"));
        for (Entry entry : entries) {
            table.append(String.format("%-36s %-10s %-10s %6d  %s / %s %s%n", entry.job().id(), entry.state(),
                    entry.outcome().name().toLowerCase(), entry.emails(), entry.encodes(), entry.ffmpegRuns(),
                    entry.detail()));
        }
        return table.toString();
    }

    /** Prints the table and writes it to {@code target/ledger-{scenario}.txt}. */
    Ledger report() {
        String table = table();
        System.out.println(table);
        try {
            Files.writeString(Path.of("target", "ledger-" + scenario + ".txt"), table);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }
}
