package io.transcoder.jobs;

import io.transcoder.messages.FormatFailure;
import io.transcoder.messages.JobTicket;
import io.transcoder.messages.StoredRendition;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.RedisOperations;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.SessionCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.ZSetOperations;
import org.springframework.data.redis.core.script.RedisScript;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every job's state in Redis: a hash at {@code {namespace}:job:{id}}, changed only through atomic scripts, so a job
 * never moves backwards, never leaves a terminal state, and its progress never drops. Each change is announced on
 * {@code {namespace}:job:{id}:events}; a reader re-reads the hash.
 */
public class JobStore {

    private static final RedisScript<List> TRANSITION =
            RedisScript.of(new ClassPathResource("io/transcoder/jobs/transition.lua"), List.class);
    private static final RedisScript<Long> PROGRESS =
            RedisScript.of(new ClassPathResource("io/transcoder/jobs/progress.lua"), Long.class);
    private static final RedisScript<Long> PHASE =
            RedisScript.of(new ClassPathResource("io/transcoder/jobs/phase.lua"), Long.class);
    private static final RedisScript<Long> RESERVE =
            RedisScript.of(new ClassPathResource("io/transcoder/jobs/reserve.lua"), Long.class);
    private static final RedisScript<Long> UPDATE =
            RedisScript.of(new ClassPathResource("io/transcoder/jobs/update.lua"), Long.class);
    private static final RedisScript<Long> RETRY =
            RedisScript.of(new ClassPathResource("io/transcoder/jobs/retry.lua"), Long.class);
    private static final RedisScript<String> CLAIM =
            RedisScript.of(new ClassPathResource("io/transcoder/jobs/claim.lua"), String.class);
    private static final RedisScript<Long> FORGET =
            RedisScript.of(new ClassPathResource("io/transcoder/jobs/forget.lua"), Long.class);
    /** The most entries of an owner's list one {@link #list} reads, however few of them match its states. */
    static final int MOST_READ_PER_LIST = 1000;
    private static final int FILTERED_BATCH = 100;
    private static final String FORMAT_PROGRESS = "progress.";
    private static final TypeReference<List<StoredRendition>> OUTPUTS = new TypeReference<>() {};
    private static final TypeReference<List<FormatFailure>> FAILURES = new TypeReference<>() {};

    private final StringRedisTemplate redis;
    private final JsonMapper json;
    private final String namespace;
    private final Duration retention;
    private final Clock clock;

    public JobStore(StringRedisTemplate redis, JsonMapper json, String namespace, Duration retention, Clock clock) {
        this.redis = redis;
        this.json = json;
        this.namespace = namespace;
        this.retention = retention;
        this.clock = clock;
    }

    /**
     * Records a new job as QUEUED, in its owner's list of jobs, and as one of its owner's unfinished jobs until it
     * ends; false if a job with this id exists already.
     */
    public boolean create(JobTicket job) {
        return create(job, null);
    }

    /** Records a new job as {@link #create(JobTicket)} does, with the URL its webhook events go to. */
    public boolean create(JobTicket job, @Nullable URI callbackUrl) {
        Instant now = clock.instant();
        List<String> fields = new ArrayList<>(List.of(
                "owner", job.owner(),
                "email", job.email(),
                "formats", String.join(",", job.formats()),
                "sourceName", job.sourceName(),
                "createdAt", now.toString()));
        if (callbackUrl != null) {
            fields.addAll(List.of("callbackUrl", callbackUrl.toString()));
        }
        return transition(job.jobId(), JobState.QUEUED, now, null, null, fields.toArray(String[]::new)).applied();
    }

    /**
     * Holds a place among the owner's unfinished jobs for a job about to be submitted, if the owner has fewer than
     * {@code limit}; the place lapses after {@code holdFor} unless {@link #create} takes it over, so a submission
     * that dies half-way frees it by itself.
     *
     * @return whether the place was taken
     */
    public boolean reserve(String owner, String jobId, int limit, Duration holdFor) {
        Instant now = clock.instant();
        Long taken = redis.execute(RESERVE, List.of(activeKey(owner)), jobId, String.valueOf(limit),
                String.valueOf(now.toEpochMilli()), String.valueOf(now.plus(holdFor).toEpochMilli()), key(""),
                String.valueOf(retention.toSeconds()));
        return taken != null && taken == 1;
    }

    /** Gives up a place that {@link #reserve} took for a submission that was refused. */
    public void release(String owner, String jobId) {
        redis.opsForZSet().remove(activeKey(owner), jobId);
    }

    /** How many unfinished jobs (and places held for submissions) the owner has. */
    public long unfinished(String owner) {
        Long count = redis.opsForZSet().zCard(activeKey(owner));
        return count == null ? 0 : count;
    }

    /**
     * Moves the job forward to {@code state}, or keeps it there when a redelivered message repeats a stage.
     *
     * @return false if the job has moved past this state, ended, is unknown, or is on another attempt than the
     *     ticket's, so the caller's work is not wanted
     */
    public boolean advance(JobTicket job, JobState state) {
        return transition(job.jobId(), state, clock.instant(), null, job.attempt()).applied();
    }

    /**
     * Completes the ticket's attempt with the renditions it made, keeping those of earlier attempts (of formats this
     * attempt did not make again), and the formats that failed.
     *
     * @return every rendition the job now has, or empty if it had ended or moved on to another attempt
     */
    public Optional<List<StoredRendition>> complete(JobTicket job, List<StoredRendition> outputs,
            List<FormatFailure> failures) {
        List<StoredRendition> all = new ArrayList<>(find(job.jobId()).map(JobRecord::outputs).orElse(List.of()));
        all.removeIf(kept -> outputs.stream().anyMatch(output -> output.format().equals(kept.format())));
        all.addAll(outputs);
        Transition transition = transition(job.jobId(), JobState.COMPLETED, clock.instant(), null, job.attempt(),
                "outputs", json.writeValueAsString(all), "failures", json.writeValueAsString(failures));
        return transition.applied() ? Optional.of(List.copyOf(all)) : Optional.empty();
    }

    /**
     * Cancels the job if it is unfinished; encoders hear of it on the job's events channel.
     *
     * @return the state it was cancelled in, or empty if it had ended or is unknown
     */
    public Optional<JobState> cancel(String jobId) {
        Transition transition = transition(jobId, JobState.CANCELLED, clock.instant(), null, null);
        return transition.applied() ? Optional.of(transition.previous()) : Optional.empty();
    }

    /**
     * Starts another attempt of an ended job (COMPLETED or FAILED) that makes {@code formats} again and keeps its
     * other renditions; it counts among its owner's unfinished jobs again.
     *
     * @return the new attempt's ticket, or empty if the job is unknown or not ended so
     */
    public Optional<JobTicket> retry(JobRecord job, List<String> formats) {
        Long attempt = redis.execute(RETRY, List.of(key(job.id()), eventsChannel(job.id()), activeKey(job.owner())),
                retryArgs(job.id(), formats));
        if (attempt == null || attempt == 0) {
            return Optional.empty();
        }
        // the job's hash lives a retention from now: its owner's list, which never expires before its jobs, too
        redis.expire(listKey(job.owner()), retention);
        return Optional.of(new JobTicket(job.id(), job.owner(), job.email(), formats, job.sourceName(),
                attempt.intValue()));
    }

    private Object[] retryArgs(String jobId, List<String> formats) {
        List<String> args = new ArrayList<>(List.of(now(), String.valueOf(retention.toSeconds()), jobId));
        args.addAll(formats);
        return args.toArray();
    }

    /**
     * Claims the sending of the job's email for {@code hold}: two notifiers never both send it. The claim ends with
     * {@link #recordNotification}, or lapses.
     */
    public NotificationClaim claimNotification(String jobId, Duration hold) {
        Instant now = clock.instant();
        String claim = redis.execute(CLAIM, List.of(key(jobId)), String.valueOf(now.toEpochMilli()),
                String.valueOf(now.plus(hold).toEpochMilli()));
        return NotificationClaim.valueOf(claim);
    }

    /**
     * Fails the job, remembering the state it failed in; the failure counts as not yet announced until
     * {@link #markFailureAnnounced}.
     *
     * @return that state, or empty if the job had already ended
     */
    public Optional<JobState> fail(String jobId, FailureCode code, String reason) {
        return fail(jobId, null, code, reason);
    }

    /** Fails the job as {@link #fail}, but only if it has not changed since {@code seen} (its updatedAt). */
    public Optional<JobState> failIfUnchangedSince(String jobId, Instant seen, FailureCode code, String reason) {
        return fail(jobId, seen, code, reason);
    }

    /**
     * Fails the job as {@link #fail}, for a failure its client hears of in the answer to its request (a submission or
     * retry that could not be queued): counted as announced, so no JobFailed and no email follow.
     */
    public Optional<JobState> failAnswered(String jobId, FailureCode code, String reason) {
        Transition transition = transition(jobId, JobState.FAILED, clock.instant(), null, null,
                "errorCode", code.name(), "errorMessage", reason, "failureAnnounced", "true");
        return transition.applied() ? Optional.of(transition.previous()) : Optional.empty();
    }

    public void markFailureAnnounced(String jobId) {
        redis.execute(UPDATE, List.of(key(jobId)), "failureAnnounced", "true");
    }

    private Optional<JobState> fail(String jobId, @Nullable Instant seen, FailureCode code, String reason) {
        Transition transition = transition(jobId, JobState.FAILED, clock.instant(), seen, null,
                "errorCode", code.name(), "errorMessage", reason, "failureAnnounced", "false");
        return transition.applied() ? Optional.of(transition.previous()) : Optional.empty();
    }

    /**
     * Raises the encoding progress of one format and the overall progress, both 0 to 100, with when the encoder now
     * expects to be done (null while it cannot tell); only while the job is ENCODING.
     */
    public void recordProgress(String jobId, String format, int formatPercent, int overallPercent,
            @Nullable Instant estimatedEnd) {
        redis.execute(PROGRESS, keys(jobId), FORMAT_PROGRESS + format, String.valueOf(formatPercent),
                String.valueOf(overallPercent), now(), estimatedEnd == null ? "" : estimatedEnd.toString());
    }

    /** Says which step of encoding the job is at, until its next transition; only while it is ENCODING. */
    public void recordPhase(String jobId, JobPhase phase) {
        redis.execute(PHASE, keys(jobId), phase.name(), now());
    }

    /**
     * Records how notifying the user went, kept apart from the job's state; nothing for a job that has expired, whose
     * hash would otherwise come back without an expiry.
     */
    public void recordNotification(String jobId, String outcome) {
        redis.execute(UPDATE, List.of(key(jobId)), "notification", outcome, "notifiedAt", now(), "notificationClaim", "0");
    }

    /**
     * Says why the job waits (a sentence for people, shown with the job) until its next transition clears it; live
     * views are told. Nothing for a job that has expired.
     */
    public void recordWaiting(String jobId, String reason) {
        Long written = redis.execute(UPDATE, List.of(key(jobId)), "waiting", reason, "updatedAt", now());
        if (written != null && written == 1) {
            redis.convertAndSend(eventsChannel(jobId), "WAITING");
        }
    }

    /** The ids of all jobs Redis holds, read in batches (SCAN), never all at once. */
    public List<String> jobIds() {
        String prefix = key("");
        List<String> ids = new ArrayList<>();
        try (var keys = redis.scan(ScanOptions.scanOptions().match(prefix + "*").count(500).build())) {
            keys.forEachRemaining(key -> {
                String id = key.substring(prefix.length());
                if (JobIds.isJobId(id)) {
                    ids.add(id);
                }
            });
        }
        return ids;
    }

    /** The job's state, without reading the rest of it; empty for an unknown or expired job. */
    public Optional<JobState> state(String jobId) {
        String state = redis.<String, String>opsForHash().get(key(jobId), "state");
        return Optional.ofNullable(state).map(JobState::valueOf);
    }

    /**
     * A page of the owner's jobs, newest first (by creation; jobs created in the same millisecond by id, descending),
     * starting after {@code after}. Only jobs in one of {@code states} count, unless it is empty. Jobs whose hash has
     * expired are skipped and taken out of the list. At most {@value #MOST_READ_PER_LIST} entries are read, so a rare
     * state can give a short (even empty) page that still has a next one.
     *
     * @param after where the previous page ended, or null for the first page
     * @param limit how many jobs the page holds at most
     */
    public JobList list(String owner, Set<JobState> states, @Nullable ListPosition after, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("A page holds at least one job: " + limit);
        }
        String listKey = listKey(owner);
        List<JobRecord> page = new ArrayList<>();
        @Nullable ListPosition position = after;
        @Nullable ListPosition endOfPage = null;
        int read = 0;
        while (read < MOST_READ_PER_LIST) {
            int wanted = Math.min(MOST_READ_PER_LIST - read,
                    states.isEmpty() ? limit + 1 - page.size() : Math.max(FILTERED_BATCH, limit + 1));
            Batch batch = entriesAfter(listKey, position, wanted);
            List<ListPosition> entries = batch.entries();
            List<Map<String, String>> hashes = hashes(entries);
            List<String> gone = new ArrayList<>();
            try {
                for (int i = 0; i < entries.size(); i++) {
                    ListPosition entry = entries.get(i);
                    Map<String, String> hash = hashes.get(i);
                    if (hash.isEmpty()) {
                        gone.add(entry.jobId());
                    } else if (isComplete(hash) && owner.equals(hash.get("owner"))) {
                        JobRecord job = toRecord(entry.jobId(), hash);
                        if (states.isEmpty() || states.contains(job.state())) {
                            if (page.size() == limit) {
                                return new JobList(page, endOfPage); // one more beyond the page: there is a next
                            }
                            page.add(job);
                            endOfPage = entry;
                        }
                    }
                    read++;
                    position = entry;
                }
            } finally {
                forget(listKey, gone);
            }
            if (batch.last() || entries.isEmpty()) {
                return new JobList(page, batch.last() ? null : position);
            }
        }
        return new JobList(page, position);
    }

    /**
     * Up to {@code count} entries of the list after {@code position}, newest first. Entries of the same millisecond
     * come by id, descending, so the position's own millisecond is read whole and cut after its id: a position stays
     * valid while jobs come and go around it.
     */
    private Batch entriesAfter(String listKey, @Nullable ListPosition position, int count) {
        if (position == null) {
            List<ListPosition> entries = positions(redis.opsForZSet().reverseRangeByScoreWithScores(listKey,
                    Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, 0, count));
            return new Batch(entries, entries.size() < count);
        }
        double score = position.createdAt();
        Long sameMillisecond = redis.opsForZSet().count(listKey, score, score);
        long asked = count + (sameMillisecond == null ? 0 : sameMillisecond);
        List<ListPosition> entries = positions(redis.opsForZSet().reverseRangeByScoreWithScores(listKey,
                Double.NEGATIVE_INFINITY, score, 0, asked));
        List<ListPosition> after = entries.stream()
                .filter(entry -> entry.createdAt() < position.createdAt()
                        || entry.jobId().compareTo(position.jobId()) < 0)
                .toList();
        return after.size() > count ? new Batch(after.subList(0, count), false)
                : new Batch(after, entries.size() < asked);
    }

    /** Entries of an owner's list, and whether the list has none beyond them. */
    private record Batch(List<ListPosition> entries, boolean last) {}

    private static List<ListPosition> positions(@Nullable Set<ZSetOperations.TypedTuple<String>> entries) {
        if (entries == null) {
            return List.of();
        }
        return entries.stream()
                .filter(entry -> entry.getValue() != null && entry.getScore() != null)
                .map(entry -> new ListPosition(entry.getScore().longValue(), entry.getValue()))
                .toList();
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, String>> hashes(List<ListPosition> entries) {
        if (entries.isEmpty()) {
            return List.of();
        }
        List<Object> replies = redis.executePipelined(new SessionCallback<Object>() {
            @Override
            public <K, V> @Nullable Object execute(RedisOperations<K, V> operations) {
                entries.forEach(entry -> operations.opsForHash().entries((K) key(entry.jobId())));
                return null;
            }
        });
        return replies.stream().map(reply -> (Map<String, String>) reply).toList();
    }

    private void forget(String listKey, List<String> jobIds) {
        if (!jobIds.isEmpty()) {
            List<String> args = new ArrayList<>(List.of(key("")));
            args.addAll(jobIds);
            redis.execute(FORGET, List.of(listKey), args.toArray());
        }
    }

    private static boolean isComplete(Map<String, String> hash) {
        return hash.containsKey("state") && hash.containsKey("createdAt") && hash.containsKey("owner");
    }

    public Optional<JobRecord> find(String jobId) {
        Map<String, String> hash = redis.<String, String>opsForHash().entries(key(jobId));
        if (!isComplete(hash)) {
            return Optional.empty();
        }
        return Optional.of(toRecord(jobId, hash));
    }

    public String key(String jobId) {
        return namespace + ":job:" + jobId;
    }

    public String eventsChannel(String jobId) {
        return key(jobId) + ":events";
    }

    /** The owner's unfinished jobs: a sorted set of job ids, scored by when a held place lapses (+inf for a job). */
    public String activeKey(String owner) {
        return ownerPrefix() + owner + ":active";
    }

    /**
     * The owner's jobs, newest last: a sorted set of job ids scored by when each was created (epoch ms). It may still
     * name jobs that have expired; {@link #list} skips and forgets them.
     */
    public String listKey(String owner) {
        return ownerPrefix() + owner + ":jobs";
    }

    private String ownerPrefix() {
        return namespace + ":owner:";
    }

    private Transition transition(String jobId, JobState target, Instant now, @Nullable Instant seen,
            @Nullable Integer attempt, String... fields) {
        String predecessors = target.predecessors().stream()
                .map(JobState::name)
                .collect(Collectors.joining(",", ",", ","));
        List<String> args = new ArrayList<>(List.of(
                target.name(), predecessors, now.toString(), String.valueOf(retention.toSeconds()),
                String.valueOf(target.progressFloor()), seen == null ? "" : seen.toString(), ownerPrefix(), jobId,
                attempt == null ? "" : attempt.toString(), String.valueOf(now.toEpochMilli())));
        args.addAll(Arrays.asList(fields));
        List<?> reply = redis.execute(TRANSITION, keys(jobId), args.toArray());
        boolean applied = ((Number) reply.get(0)).longValue() == 1;
        String previous = (String) reply.get(1);
        return new Transition(applied, previous.isEmpty() ? JobState.QUEUED : JobState.valueOf(previous));
    }

    private JobRecord toRecord(String jobId, Map<String, String> hash) {
        List<String> formats = List.of(hash.getOrDefault("formats", "").split(","));
        Map<String, Integer> formatProgress = new LinkedHashMap<>();
        formats.forEach(format -> formatProgress.put(format,
                Integer.parseInt(hash.getOrDefault(FORMAT_PROGRESS + format, "0"))));
        String outputs = hash.get("outputs");
        String failures = hash.get("failures");
        String errorCode = hash.get("errorCode");
        String failedIn = hash.get("failedIn");
        return new JobRecord(
                jobId,
                hash.getOrDefault("owner", ""),
                JobState.valueOf(hash.get("state")),
                failedIn == null ? null : JobState.valueOf(failedIn),
                hash.getOrDefault("email", ""),
                formats,
                hash.getOrDefault("sourceName", ""),
                Integer.parseInt(hash.getOrDefault("progress", "0")),
                formatProgress,
                outputs == null ? List.of() : json.readValue(outputs, OUTPUTS),
                failures == null ? List.of() : json.readValue(failures, FAILURES),
                Integer.parseInt(hash.getOrDefault("attempt", "1")),
                errorCode == null ? null : new JobRecord.JobError(errorCode, hash.getOrDefault("errorMessage", "")),
                Instant.parse(hash.get("createdAt")),
                Instant.parse(hash.getOrDefault("updatedAt", hash.get("createdAt"))),
                hash.get("notification"),
                !"false".equals(hash.get("failureAnnounced")),
                hash.get("waiting"),
                phase(hash),
                hash.containsKey("eta") ? Instant.parse(hash.get("eta")) : null,
                hash.containsKey("callbackUrl") ? URI.create(hash.get("callbackUrl")) : null);
    }

    private static JobPhase phase(Map<String, String> hash) {
        JobState state = JobState.valueOf(hash.get("state"));
        String phase = hash.get("phase");
        return state == JobState.ENCODING && phase != null ? JobPhase.valueOf(phase) : JobPhase.of(state);
    }

    private List<String> keys(String jobId) {
        return List.of(key(jobId), eventsChannel(jobId));
    }

    private String now() {
        return clock.instant().toString();
    }

    private record Transition(boolean applied, JobState previous) {}

    /** A place in an owner's list of jobs: that of the job {@code jobId}, created at {@code createdAt} (epoch ms). */
    public record ListPosition(long createdAt, String jobId) {}

    /**
     * A page of an owner's jobs, newest first.
     *
     * @param next where the next page starts, or null when the list has no more
     */
    public record JobList(List<JobRecord> jobs, @Nullable ListPosition next) {}
}
