package io.transcoder.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.transcoder.TranscoderProperties;
import io.transcoder.messages.FormatFailure;
import io.transcoder.messages.JobTicket;
import io.transcoder.messages.RenditionFile;
import io.transcoder.messages.RenditionKind;
import io.transcoder.messages.StoredRendition;
import io.transcoder.test.TranscoderTest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.json.JsonMapper;

@TranscoderTest
class JobStoreTests {

    @Autowired
    JobStore jobs;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    JsonMapper json;

    @Autowired
    TranscoderProperties transcoder;

    @Test
    void recordsANewJobAsQueued() {
        JobTicket ticket = newTicket();

        assertThat(jobs.create(ticket)).isTrue();

        JobRecord job = jobs.find(ticket.jobId()).orElseThrow();
        assertThat(job.state()).isEqualTo(JobState.QUEUED);
        assertThat(job.email()).isEqualTo("someone@example.com");
        assertThat(job.formats()).containsExactly("mp4", "webm");
        assertThat(job.formatProgress()).containsEntry("mp4", 0).containsEntry("webm", 0);
        assertThat(job.progress()).isZero();
        assertThat(redis.getExpire(jobs.key(ticket.jobId()))).isPositive();
    }

    @Test
    void refusesToCreateAJobTwice() {
        JobTicket ticket = newTicket();
        jobs.create(ticket);

        assertThat(jobs.create(ticket)).isFalse();
    }

    @Test
    void movesForwardAndRepeatsAStageButNeverGoesBack() {
        String id = created();

        assertThat(jobs.advance(ticket(id), JobState.DOWNLOADING)).isTrue();
        assertThat(jobs.advance(ticket(id), JobState.ENCODING)).isTrue();
        assertThat(jobs.advance(ticket(id), JobState.ENCODING)).isTrue();
        assertThat(jobs.advance(ticket(id), JobState.DOWNLOADING)).isFalse();
        assertThat(jobs.find(id).orElseThrow().state()).isEqualTo(JobState.ENCODING);
    }

    @Test
    void neverLeavesATerminalState() {
        String id = created();
        jobs.advance(ticket(id), JobState.ENCODING);

        assertThat(jobs.fail(id, FailureCode.INPUT_NOT_VIDEO, "not a video")).contains(JobState.ENCODING);
        assertThat(jobs.fail(id, FailureCode.ENCODER_ERROR, "again")).isEmpty();
        assertThat(jobs.advance(ticket(id), JobState.UPLOADING)).isFalse();
        assertThat(jobs.complete(ticket(id), List.of(), List.of())).isEmpty();

        JobRecord job = jobs.find(id).orElseThrow();
        assertThat(job.state()).isEqualTo(JobState.FAILED);
        assertThat(job.failedIn()).isEqualTo(JobState.ENCODING);
        assertThat(job.error()).isEqualTo(new JobRecord.JobError("INPUT_NOT_VIDEO", "not a video"));
    }

    @Test
    void progressNeverDecreasesAndOnlyMovesWhileEncoding() {
        String id = created();
        jobs.recordProgress(id, "mp4", 50, 45, null);
        assertThat(jobs.find(id).orElseThrow().progress()).isZero();

        jobs.advance(ticket(id), JobState.ENCODING);
        jobs.recordProgress(id, "mp4", 50, 22, null);
        jobs.recordProgress(id, "mp4", 30, 13, null);

        JobRecord job = jobs.find(id).orElseThrow();
        assertThat(job.formatProgress()).containsEntry("mp4", 50);
        assertThat(job.progress()).isEqualTo(22);
    }

    @Test
    void tellsTheEncodersStepAndEstimateUntilTheJobMovesOn() {
        String id = created();
        jobs.recordPhase(id, JobPhase.PROBING);
        assertThat(jobs.find(id).orElseThrow().phase()).as("not yet encoding").isEqualTo(JobPhase.QUEUED);

        jobs.advance(ticket(id), JobState.ENCODING);
        assertThat(jobs.find(id).orElseThrow().phase()).isEqualTo(JobPhase.ENCODING);
        jobs.recordPhase(id, JobPhase.PROBING);
        assertThat(jobs.find(id).orElseThrow().phase()).isEqualTo(JobPhase.PROBING);
        Instant end = Instant.parse("2026-12-02T12:00:00Z");
        jobs.recordPhase(id, JobPhase.ENCODING);
        jobs.recordProgress(id, "mp4", 10, 9, end);
        JobRecord encoding = jobs.find(id).orElseThrow();
        assertThat(encoding.phase()).isEqualTo(JobPhase.ENCODING);
        assertThat(encoding.estimatedEnd()).isEqualTo(end);

        jobs.advance(ticket(id), JobState.UPLOADING);
        jobs.recordPhase(id, JobPhase.CHECKING);
        JobRecord uploading = jobs.find(id).orElseThrow();
        assertThat(uploading.phase()).isEqualTo(JobPhase.UPLOADING);
        assertThat(uploading.estimatedEnd()).isNull();
    }

    @Test
    void completesWithItsOutputsAtFullProgress() {
        String id = created();
        jobs.advance(ticket(id), JobState.UPLOADING);
        assertThat(jobs.find(id).orElseThrow().progress()).isEqualTo(90);
        StoredRendition output = new StoredRendition("mp4", RenditionKind.VIDEO, "outputs/" + id + "/mp4/", "clip.mp4",
                List.of(new RenditionFile("clip.mp4", 1234, "video/mp4")));

        assertThat(jobs.complete(ticket(id), List.of(output), List.of())).contains(List.of(output));

        JobRecord job = jobs.find(id).orElseThrow();
        assertThat(job.state()).isEqualTo(JobState.COMPLETED);
        assertThat(job.progress()).isEqualTo(100);
        assertThat(job.outputs()).containsExactly(output);
    }

    @Test
    void retriesTheFailedFormatsOfACompletedJobAndKeepsTheOthers() {
        String id = created();
        jobs.advance(ticket(id), JobState.UPLOADING);
        StoredRendition mp4 = rendition(id, "mp4");
        FormatFailure webmFailed = new FormatFailure("webm", FailureCode.ENCODER_ERROR, "ffmpeg failed");
        jobs.complete(ticket(id), List.of(mp4), List.of(webmFailed));
        JobRecord completed = jobs.find(id).orElseThrow();
        assertThat(completed.failures()).containsExactly(webmFailed);
        assertThat(completed.ticket().formats()).containsExactly("webm");

        JobTicket retry = jobs.retry(completed, completed.ticket().formats()).orElseThrow();

        assertThat(retry.attempt()).isEqualTo(2);
        assertThat(retry.formats()).containsExactly("webm");
        JobRecord queued = jobs.find(id).orElseThrow();
        assertThat(queued.state()).isEqualTo(JobState.QUEUED);
        assertThat(queued.failures()).isEmpty();
        assertThat(queued.outputs()).containsExactly(mp4);
        assertThat(queued.ticket()).isEqualTo(retry);
        assertThat(jobs.unfinished("owner-a")).isPositive();

        // the first attempt's messages no longer move the job; the second's do, and keep the first's rendition
        assertThat(jobs.advance(ticket(id), JobState.DOWNLOADING)).isFalse();
        assertThat(jobs.advance(retry, JobState.UPLOADING)).isTrue();
        StoredRendition webm = rendition(id, "webm");
        assertThat(jobs.complete(retry, List.of(webm), List.of())).contains(List.of(mp4, webm));
        assertThat(jobs.find(id).orElseThrow().outputs()).containsExactly(mp4, webm);
    }

    @Test
    void retriesOnlyAJobThatHasEndedAsCompletedOrFailed() {
        String id = created();
        JobRecord running = jobs.find(id).orElseThrow();
        assertThat(jobs.retry(running, List.of("mp4"))).isEmpty();

        jobs.cancel(id);
        assertThat(jobs.retry(jobs.find(id).orElseThrow(), List.of("mp4"))).isEmpty();
    }

    @Test
    void cancelsAnUnfinishedJobOnceAndSaysOnItsChannel() {
        String id = created();
        jobs.advance(ticket(id), JobState.ENCODING);
        List<String> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
        var container = new org.springframework.data.redis.listener.RedisMessageListenerContainer();
        container.setConnectionFactory(redis.getConnectionFactory());
        container.addMessageListener((message, pattern) -> heard.add(new String(message.getBody())),
                new org.springframework.data.redis.listener.ChannelTopic(jobs.eventsChannel(id)));
        container.afterPropertiesSet();
        container.start();
        try {
            await().atMost(Duration.ofSeconds(5)).until(container::isListening);

            assertThat(jobs.cancel(id)).contains(JobState.ENCODING);
            assertThat(jobs.cancel(id)).isEmpty();

            await().atMost(Duration.ofSeconds(5)).until(() -> heard.contains("CANCELLED"));
            assertThat(jobs.find(id).orElseThrow().state()).isEqualTo(JobState.CANCELLED);
            assertThat(jobs.advance(ticket(id), JobState.UPLOADING)).isFalse();
        } finally {
            container.stop();
        }
    }

    @Test
    void letsOneNotifierAtATimeClaimAnEmailUntilItIsSentOrTheClaimLapses() {
        String id = created();

        assertThat(jobs.claimNotification(id, Duration.ofMinutes(2))).isEqualTo(NotificationClaim.CLAIMED);
        assertThat(jobs.claimNotification(id, Duration.ofMinutes(2))).isEqualTo(NotificationClaim.BUSY);
        jobs.recordNotification(id, "FAILED");
        assertThat(jobs.claimNotification(id, Duration.ofMillis(1))).isEqualTo(NotificationClaim.CLAIMED);
        await().atMost(Duration.ofSeconds(2))
                .until(() -> jobs.claimNotification(id, Duration.ofMinutes(2)) == NotificationClaim.CLAIMED);
        jobs.recordNotification(id, "SENT");
        assertThat(jobs.claimNotification(id, Duration.ofMinutes(2))).isEqualTo(NotificationClaim.SETTLED);
        assertThat(jobs.claimNotification("no-such-job", Duration.ofMinutes(2))).isEqualTo(NotificationClaim.UNKNOWN);
    }

    private static StoredRendition rendition(String id, String format) {
        return new StoredRendition(format, RenditionKind.VIDEO, "outputs/" + id + "/" + format + "/", "clip." + format,
                List.of(new RenditionFile("clip." + format, 1234, "video/" + format)));
    }

    @Test
    void failsAJobOnlyIfItHasNotChangedSinceItWasSeen() {
        String id = created();
        jobs.advance(ticket(id), JobState.DOWNLOADING);
        JobRecord seen = jobs.find(id).orElseThrow();
        jobs.advance(ticket(id), JobState.ENCODING);

        assertThat(jobs.failIfUnchangedSince(id, seen.updatedAt(), FailureCode.STAGE_ERROR, "stuck")).isEmpty();
        assertThat(jobs.state(id)).contains(JobState.ENCODING);

        JobRecord now = jobs.find(id).orElseThrow();
        assertThat(jobs.failIfUnchangedSince(id, now.updatedAt(), FailureCode.STAGE_ERROR, "stuck"))
                .contains(JobState.ENCODING);
    }

    @Test
    void remembersWhetherAFailureHasBeenAnnounced() {
        String id = created();
        jobs.fail(id, FailureCode.INPUT_NOT_VIDEO, "not a video");
        assertThat(jobs.find(id).orElseThrow().failureAnnounced()).isFalse();

        jobs.markFailureAnnounced(id);

        assertThat(jobs.find(id).orElseThrow().failureAnnounced()).isTrue();
    }

    @Test
    void saysWhyAJobWaitsUntilItMovesOn() {
        String id = created();

        jobs.recordWaiting(id, "The work space is full.");
        assertThat(jobs.find(id).orElseThrow().waiting()).isEqualTo("The work space is full.");

        jobs.advance(ticket(id), JobState.DOWNLOADING);
        assertThat(jobs.find(id).orElseThrow().waiting()).isNull();
        String unknown = UUID.randomUUID().toString();
        jobs.recordWaiting(unknown, "late");
        assertThat(redis.hasKey(jobs.key(unknown))).isFalse();
    }

    @Test
    void findsNothingForAnUnknownJob() {
        assertThat(jobs.find(UUID.randomUUID().toString())).isEmpty();
    }

    @Test
    void neverBringsBackAnUnknownOrExpiredJob() {
        String id = UUID.randomUUID().toString();

        assertThat(jobs.advance(ticket(id), JobState.DOWNLOADING)).isFalse();
        assertThat(jobs.fail(id, FailureCode.STAGE_ERROR, "late")).isEmpty();
        jobs.recordNotification(id, "SENT");

        assertThat(redis.hasKey(jobs.key(id))).isFalse();
    }

    @Test
    void recordsTheOwnerAndCountsTheirUnfinishedJobsUntilTheyEnd() {
        String owner = newOwner();
        JobTicket first = newTicket(owner);
        JobTicket second = newTicket(owner);
        jobs.create(first);
        jobs.create(second);
        assertThat(jobs.find(first.jobId()).orElseThrow().ticket()).isEqualTo(first);
        assertThat(jobs.unfinished(first.owner())).isEqualTo(2);

        jobs.advance(first, JobState.UPLOADING);
        jobs.complete(first, List.of(), List.of());
        jobs.fail(second.jobId(), FailureCode.INPUT_NOT_VIDEO, "not a video");

        assertThat(jobs.unfinished(first.owner())).isZero();
    }

    @Test
    void holdsPlacesForSubmissionsUpToTheLimitAndHandsThemToTheJobs() {
        String owner = newOwner();
        JobTicket job = newTicket(owner);

        assertThat(jobs.reserve(owner, job.jobId(), 2, Duration.ofMinutes(5))).isTrue();
        assertThat(jobs.reserve(owner, UUID.randomUUID().toString(), 2, Duration.ofMinutes(5))).isTrue();
        assertThat(jobs.reserve(owner, UUID.randomUUID().toString(), 2, Duration.ofMinutes(5))).isFalse();

        jobs.create(job);
        assertThat(redis.opsForZSet().score(jobs.activeKey(owner), job.jobId())).isInfinite();
        jobs.fail(job.jobId(), FailureCode.STAGE_ERROR, "gone");
        assertThat(jobs.reserve(owner, UUID.randomUUID().toString(), 2, Duration.ofMinutes(5))).isTrue();
    }

    @Test
    void aHeldPlaceLapsesOrIsReleased() {
        String owner = newOwner();
        String lapsing = UUID.randomUUID().toString();
        String released = UUID.randomUUID().toString();
        jobs.reserve(owner, lapsing, 2, Duration.ofMillis(1));
        jobs.reserve(owner, released, 2, Duration.ofMinutes(5));

        jobs.release(owner, released);

        await().atMost(Duration.ofSeconds(5)).until(() -> jobs.reserve(owner, UUID.randomUUID().toString(), 1,
                Duration.ofMinutes(5)));
        assertThat(jobs.unfinished(owner)).isEqualTo(1);
    }

    @Test
    void forgetsUnfinishedJobsWhoseStateIsGone() {
        JobTicket job = newTicket(newOwner());
        jobs.create(job);
        redis.delete(jobs.key(job.jobId()));

        assertThat(jobs.reserve(job.owner(), UUID.randomUUID().toString(), 1, Duration.ofMinutes(5))).isTrue();
    }

    @Test
    void listsAnOwnersJobsNewestFirstAcrossPagesWithoutGapsOrRepeatsAndJobsOfOneMillisecondByIdDescending() {
        String owner = newOwner();
        Instant start = Instant.parse("2026-12-01T10:00:00Z");
        List<JobTicket> created = new ArrayList<>();
        for (long offset : new long[] {0, 1, 1, 1, 2, 5, 5}) {
            JobTicket job = newTicket(owner);
            storeAt(start.plusMillis(offset)).create(job);
            created.add(job);
        }
        List<String> newestFirst = created.stream()
                .sorted(Comparator.comparing((JobTicket job) -> jobs.find(job.jobId()).orElseThrow().createdAt())
                        .thenComparing(JobTicket::jobId).reversed())
                .map(JobTicket::jobId)
                .toList();

        List<String> listed = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        JobStore.ListPosition after = null;
        do {
            JobStore.JobList page = jobs.list(owner, Set.of(), after, 2);
            page.jobs().forEach(job -> listed.add(job.id()));
            pageSizes.add(page.jobs().size());
            after = page.next();
        } while (after != null);

        assertThat(listed).containsExactlyElementsOf(newestFirst);
        assertThat(pageSizes).containsExactly(2, 2, 2, 1);
        assertThat(jobs.list(owner, Set.of(), null, 7).next()).as("no next page when the last one is full").isNull();
    }

    @Test
    void aPageContinuesWhereTheLastEndedWhileNewJobsArrive() {
        String owner = newOwner();
        Instant start = Instant.parse("2026-12-01T10:00:00Z");
        List<String> older = IntStream.range(0, 4).mapToObj(i -> {
            JobTicket job = newTicket(owner);
            storeAt(start).create(job);
            return job.jobId();
        }).sorted(Comparator.reverseOrder()).toList();

        JobStore.JobList first = jobs.list(owner, Set.of(), null, 2);
        storeAt(start.plusSeconds(1)).create(newTicket(owner));
        storeAt(start.plusSeconds(2)).create(newTicket(owner));
        JobStore.JobList second = jobs.list(owner, Set.of(), first.next(), 2);

        assertThat(first.jobs()).extracting(JobRecord::id).containsExactlyElementsOf(older.subList(0, 2));
        assertThat(second.jobs()).extracting(JobRecord::id).containsExactlyElementsOf(older.subList(2, 4));
        assertThat(second.next()).isNull();
    }

    @Test
    void listsOnlyTheJobsInTheStatesAsked() {
        String owner = newOwner();
        Instant start = Instant.parse("2026-12-01T10:00:00Z");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            JobTicket job = newTicket(owner);
            storeAt(start.plusSeconds(i)).create(job);
            ids.add(job.jobId());
        }
        jobs.cancel(ids.get(0));
        jobs.fail(ids.get(2), FailureCode.INPUT_NOT_VIDEO, "not a video");
        jobs.cancel(ids.get(4));

        JobStore.JobList first = jobs.list(owner, Set.of(JobState.CANCELLED, JobState.FAILED), null, 2);
        JobStore.JobList second = jobs.list(owner, Set.of(JobState.CANCELLED, JobState.FAILED), first.next(), 2);

        assertThat(first.jobs()).extracting(JobRecord::id).containsExactly(ids.get(4), ids.get(2));
        assertThat(second.jobs()).extracting(JobRecord::id).containsExactly(ids.get(0));
        assertThat(second.next()).isNull();
        assertThat(jobs.list(owner, Set.of(JobState.QUEUED), null, 10).jobs()).extracting(JobRecord::id)
                .containsExactly(ids.get(5), ids.get(3), ids.get(1));
        assertThat(jobs.list(owner, Set.of(JobState.COMPLETED), null, 10).jobs()).isEmpty();
    }

    @Test
    void readsABoundedPartOfTheListForARareStateAndSaysWhereToGoOn() {
        String owner = newOwner();
        Instant start = Instant.parse("2026-12-01T10:00:00Z");
        JobTicket rare = newTicket(owner);
        storeAt(start).create(rare);
        jobs.cancel(rare.jobId());
        JobStore later = storeAt(start.plusSeconds(1));
        for (int i = 0; i < JobStore.MOST_READ_PER_LIST; i++) {
            later.create(newTicket(owner));
        }

        JobStore.JobList first = jobs.list(owner, Set.of(JobState.CANCELLED), null, 20);
        assertThat(first.jobs()).isEmpty();
        assertThat(first.next()).isNotNull();
        JobStore.JobList second = jobs.list(owner, Set.of(JobState.CANCELLED), first.next(), 20);

        assertThat(second.jobs()).extracting(JobRecord::id).containsExactly(rare.jobId());
        assertThat(second.next()).isNull();
    }

    @Test
    void listsNoJobOfAnotherOwner() {
        String owner = newOwner();
        JobTicket mine = newTicket(owner);
        jobs.create(mine);
        jobs.create(newTicket(newOwner()));

        assertThat(jobs.list(owner, Set.of(), null, 10).jobs()).extracting(JobRecord::id)
                .containsExactly(mine.jobId());
        assertThat(jobs.list(newOwner(), Set.of(), null, 10).jobs()).isEmpty();
    }

    @Test
    void skipsExpiredJobsAndForgetsThem() {
        String owner = newOwner();
        Instant start = Instant.parse("2026-12-01T10:00:00Z");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            JobTicket job = newTicket(owner);
            storeAt(start.plusSeconds(i)).create(job);
            ids.add(job.jobId());
        }
        redis.delete(List.of(jobs.key(ids.get(3)), jobs.key(ids.get(1))));

        JobStore.JobList page = jobs.list(owner, Set.of(), null, 2);

        assertThat(page.jobs()).extracting(JobRecord::id).containsExactly(ids.get(2), ids.get(0));
        assertThat(page.next()).isNull();
        assertThat(redis.opsForZSet().range(jobs.listKey(owner), 0, -1)).containsExactlyInAnyOrder(ids.get(0),
                ids.get(2));
    }

    @Test
    void forgetsJobsOlderThanTheRetentionWhoseStateIsGoneWhenANewJobArrives() {
        String owner = newOwner();
        Instant start = Instant.parse("2026-12-01T10:00:00Z");
        JobTicket expired = newTicket(owner);
        JobTicket retried = newTicket(owner);
        storeAt(start).create(expired);
        storeAt(start).create(retried);
        redis.delete(jobs.key(expired.jobId()));
        JobTicket recent = newTicket(owner);

        storeAt(start.plus(transcoder.jobRetention()).plusSeconds(1)).create(recent);

        assertThat(redis.opsForZSet().range(jobs.listKey(owner), 0, -1))
                .as("an old job that still exists stays listed").containsExactlyInAnyOrder(retried.jobId(),
                        recent.jobId());
    }

    @Test
    void keepsTheListOfJobsAtLeastAsLongAsAnyOfItsJobs() {
        JobTicket job = newTicket(newOwner());
        jobs.create(job);
        String listKey = jobs.listKey(job.owner());
        assertThat(redis.getExpire(listKey)).isCloseTo(transcoder.jobRetention().toSeconds(),
                org.assertj.core.data.Offset.offset(5L));

        redis.expire(listKey, Duration.ofSeconds(30));
        jobs.advance(job, JobState.UPLOADING);
        assertThat(redis.getExpire(listKey)).as("a transition renews the job's and its list's expiry")
                .isGreaterThan(transcoder.jobRetention().toSeconds() - 5);

        jobs.complete(job, List.of(), List.of());
        redis.expire(listKey, Duration.ofSeconds(30));
        jobs.retry(jobs.find(job.jobId()).orElseThrow(), List.of("mp4"));
        assertThat(redis.getExpire(listKey)).as("so does a retry")
                .isGreaterThan(transcoder.jobRetention().toSeconds() - 5);
    }

    /** A store whose clock stands still at {@code instant}, writing where {@link #jobs} does. */
    private JobStore storeAt(Instant instant) {
        return new JobStore(redis, json, transcoder.namespace(), transcoder.jobRetention(),
                Clock.fixed(instant, ZoneOffset.UTC));
    }

    private String created() {
        JobTicket ticket = newTicket();
        jobs.create(ticket);
        return ticket.jobId();
    }

    private static JobTicket ticket(String jobId) {
        return new JobTicket(jobId, "owner-a", "someone@example.com", List.of("mp4", "webm"), "holiday.mov");
    }

    private static JobTicket newTicket() {
        return newTicket("owner-a");
    }

    private static JobTicket newTicket(String owner) {
        return new JobTicket(UUID.randomUUID().toString(), owner, "someone@example.com", List.of("mp4", "webm"),
                "clip.mp4");
    }

    private static String newOwner() {
        return "owner-" + UUID.randomUUID();
    }
}
