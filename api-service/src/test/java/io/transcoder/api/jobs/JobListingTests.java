package io.transcoder.api.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.transcoder.TranscoderProperties;
import io.transcoder.api.TestKeys;
import io.transcoder.api.upload.ApiClient;
import io.transcoder.jobs.FailureCode;
import io.transcoder.jobs.JobState;
import io.transcoder.jobs.JobStore;
import io.transcoder.messages.JobTicket;
import io.transcoder.test.TranscoderTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /api/jobs} over real HTTP against real Redis. Alice's and Bob's jobs pile up across the test classes of
 * one JVM, so each test makes its own jobs the newest (they are, at this instant) and removes them afterwards.
 */
@TranscoderTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class JobListingTests {

    @LocalServerPort
    int port;

    @Autowired
    JobStore jobs;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    JsonMapper json;

    @Autowired
    TranscoderProperties transcoder;

    ApiClient alice;
    ApiClient bob;
    final List<JobTicket> created = new ArrayList<>();
    Instant now;

    @BeforeEach
    void clients() {
        alice = new ApiClient(port, json, TestKeys.ALICE);
        bob = new ApiClient(port, json, TestKeys.BOB);
        now = Instant.now();
    }

    @AfterEach
    void removeTheJobsMade() {
        created.forEach(job -> {
            redis.delete(jobs.key(job.jobId()));
            redis.opsForZSet().remove(jobs.listKey(job.owner()), job.jobId());
            redis.opsForZSet().remove(jobs.activeKey(job.owner()), job.jobId());
        });
    }

    @Test
    void pagesThroughTheCallersJobsNewestFirstWithoutGapsOrRepeatsAlsoWithinOneMillisecond() {
        List<String> mine = new ArrayList<>();
        for (long millis : new long[] {0, 1, 1, 1, 2}) {
            mine.add(create("alice", millis).jobId());
        }
        // newest first; jobs of one millisecond by id, descending
        List<String> expected = List.of(mine.get(4), max(mine.subList(1, 4), 0), max(mine.subList(1, 4), 1),
                max(mine.subList(1, 4), 2), mine.get(0));

        List<String> seen = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < 3; page++) {
            ApiClient.Answer answer = alice.get("/api/jobs?limit=2" + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(answer.status()).isEqualTo(HttpStatus.OK);
            ids(answer.body()).forEach(seen::add);
            JsonNode next = answer.body().get("next");
            cursor = next.isNull() ? null : next.asString();
            if (page < 2) {
                assertThat(answer.body().get("jobs")).hasSize(2);
                assertThat(cursor).isNotNull();
            }
        }
        // the third page holds the oldest of these, then one of Alice's earlier jobs if other tests left any
        assertThat(seen.subList(0, 5)).containsExactlyElementsOf(expected);

        // the rest of Alice's list, a larger page at a time: never one of these again, and an end
        Set<String> all = new HashSet<>(seen);
        while (cursor != null) {
            ApiClient.Answer answer = alice.get("/api/jobs?limit=100&cursor=" + cursor);
            assertThat(answer.status()).isEqualTo(HttpStatus.OK);
            ids(answer.body()).forEach(id -> assertThat(all.add(id)).as("listed twice: " + id).isTrue());
            JsonNode next = answer.body().get("next");
            assertThat(next).as("next is always there, null at the end").isNotNull();
            cursor = next.isNull() ? null : next.asString();
        }
    }

    @Test
    void showsASummaryOfEachJobWithoutDownloadLinks() {
        JobTicket job = create("alice", 0);
        jobs.fail(job.jobId(), FailureCode.INPUT_NOT_VIDEO, "The file is not a video.");

        JsonNode summary = alice.get("/api/jobs?limit=1").body().get("jobs").get(0);

        assertThat(summary.get("id").asString()).isEqualTo(job.jobId());
        assertThat(summary.get("state").asString()).isEqualTo("FAILED");
        assertThat(summary.get("phase").asString()).isEqualTo("FAILED");
        assertThat(summary.get("sourceName").asString()).isEqualTo("clip.mp4");
        assertThat(summary.get("formats")).extracting(JsonNode::asString).containsExactly("mp4", "webm");
        assertThat(summary.get("attempt").asInt()).isEqualTo(1);
        assertThat(summary.get("createdAt").asString()).isEqualTo(now.toString());
        assertThat(summary.get("error").get("code").asString()).isEqualTo("INPUT_NOT_VIDEO");
        assertThat(summary.get("error").get("message").asString()).isEqualTo("The file is not a video.");
        assertThat(summary.has("outputs")).isFalse();
        assertThat(summary.has("email")).isFalse();
    }

    @Test
    void listsOnlyTheCallersOwnJobs() {
        JobTicket alices = create("alice", 0);
        JobTicket bobs = create("bob", 1);

        assertThat(ids(alice.get("/api/jobs?limit=1").body())).containsExactly(alices.jobId());
        assertThat(ids(bob.get("/api/jobs?limit=1").body())).containsExactly(bobs.jobId());
        List<String> everyOfAlices = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = alice.get("/api/jobs?limit=100" + (cursor == null ? "" : "&cursor=" + cursor)).body();
            everyOfAlices.addAll(ids(page));
            cursor = page.get("next").isNull() ? null : page.get("next").asString();
        } while (cursor != null);
        assertThat(everyOfAlices).contains(alices.jobId()).doesNotContain(bobs.jobId());
    }

    @Test
    void filtersByStateRepeatedOrSeparatedByCommas() {
        JobTicket cancelledFirst = create("alice", 0);
        JobTicket failed = create("alice", 1);
        create("alice", 2);
        JobTicket cancelledLast = create("alice", 3);
        create("alice", 4);
        jobs.cancel(cancelledFirst.jobId());
        jobs.fail(failed.jobId(), FailureCode.INPUT_NOT_VIDEO, "not a video");
        jobs.cancel(cancelledLast.jobId());

        ApiClient.Answer first = alice.get("/api/jobs?state=CANCELLED,FAILED&limit=2");
        ApiClient.Answer second = alice.get("/api/jobs?state=cancelled&state=FAILED&limit=1&cursor="
                + first.body().get("next").asString());

        assertThat(ids(first.body())).containsExactly(cancelledLast.jobId(), failed.jobId());
        assertThat(ids(second.body())).containsExactly(cancelledFirst.jobId());
        assertThat(first.body().get("jobs")).allSatisfy(job -> assertThat(job.get("state").asString())
                .isIn("CANCELLED", "FAILED"));
    }

    @Test
    void skipsAJobThatHasExpiredAndForgetsIt() {
        JobTicket oldest = create("alice", 0);
        JobTicket expired = create("alice", 1);
        JobTicket newest = create("alice", 2);
        redis.delete(jobs.key(expired.jobId()));

        ApiClient.Answer answer = alice.get("/api/jobs?limit=2");

        assertThat(ids(answer.body())).containsExactly(newest.jobId(), oldest.jobId());
        assertThat(redis.opsForZSet().score(jobs.listKey("alice"), expired.jobId())).isNull();
    }

    @Test
    void refusesACursorItDidNotMake() {
        String foreign = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"offset\":40}".getBytes(StandardCharsets.UTF_8));
        String padded = JobCursor.of(new JobStore.ListPosition(1, UUID.randomUUID().toString())) + "==";
        for (String cursor : List.of("abc", "%25%25%25", foreign, padded, "x".repeat(500))) {
            ApiClient.Answer answer = alice.get("/api/jobs?cursor=" + cursor);

            assertThat(answer.status()).as(cursor).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(answer.contentType()).isEqualTo("application/problem+json");
            assertThat(answer.body().get("type").asString()).isEqualTo("/problems/invalid-cursor");
        }
    }

    @Test
    void refusesALimitOutsideOneToAHundred() {
        for (String limit : List.of("0", "101", "-1", "ten", "1e2", "99999999999")) {
            ApiClient.Answer answer = alice.get("/api/jobs?limit=" + limit);

            assertThat(answer.status()).as(limit).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(answer.body().get("type").asString()).isEqualTo("/problems/invalid-limit");
            assertThat(answer.body().get("maxLimit").asInt()).isEqualTo(100);
        }
        assertThat(alice.get("/api/jobs?limit=100").status()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void refusesAnUnknownStateNamingTheValidOnes() {
        ApiClient.Answer answer = alice.get("/api/jobs?state=FAILED,DONE");

        assertThat(answer.status()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(answer.body().get("type").asString()).isEqualTo("/problems/invalid-state");
        assertThat(answer.body().get("detail").asString()).contains("DONE");
        assertThat(answer.body().get("unknownStates")).extracting(JsonNode::asString).containsExactly("DONE");
        assertThat(answer.body().get("validStates")).extracting(JsonNode::asString)
                .containsExactly(java.util.Arrays.stream(JobState.values()).map(Enum::name).toArray(String[]::new));
    }

    @Test
    void wantsAKey() throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/jobs")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(401);
    }

    /** A job of {@code owner}, created {@code millis} after this test began. */
    private JobTicket create(String owner, long millis) {
        JobTicket job = new JobTicket(UUID.randomUUID().toString(), owner, owner + "@example.com",
                List.of("mp4", "webm"), "clip.mp4");
        new JobStore(redis, json, transcoder.namespace(), transcoder.jobRetention(),
                Clock.fixed(now.plusMillis(millis), ZoneOffset.UTC)).create(job);
        created.add(job);
        return job;
    }

    private static List<String> ids(JsonNode page) {
        return StreamSupport.stream(page.get("jobs").spliterator(), false).map(job -> job.get("id").asString())
                .toList();
    }

    /** The {@code rank}-th greatest of the ids (0 for the greatest). */
    private static String max(List<String> ids, int rank) {
        return ids.stream().sorted(java.util.Comparator.reverseOrder()).toList().get(rank);
    }
}
