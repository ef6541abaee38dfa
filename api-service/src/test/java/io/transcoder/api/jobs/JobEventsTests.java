package io.transcoder.api.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.transcoder.api.TestKeys;
import io.transcoder.jobs.FailureCode;
import io.transcoder.jobs.JobState;
import io.transcoder.jobs.JobStore;
import io.transcoder.messages.JobTicket;
import io.transcoder.messages.RenditionFile;
import io.transcoder.messages.RenditionKind;
import io.transcoder.messages.StoredRendition;
import io.transcoder.test.TranscoderTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

@TranscoderTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class JobEventsTests {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @LocalServerPort
    int port;

    @Autowired
    JobStore jobs;

    @Autowired
    JsonMapper json;

    @Test
    void streamsEveryChangeOfAJobUntilItEnds() throws Exception {
        JobTicket job = new JobTicket(UUID.randomUUID().toString(), "alice", "a@example.com", List.of("mp4"), "clip.mp4");
        jobs.create(job);
        List<JobView> seen = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> stream = http.sendAsync(
                        HttpRequest.newBuilder(uri("/api/jobs/" + job.jobId() + "/events")).header("X-API-Key", TestKeys.ALICE).build(),
                        HttpResponse.BodyHandlers.ofLines())
                .thenAccept(response -> response.body()
                        .filter(line -> line.startsWith("data:"))
                        .forEach(line -> seen.add(json.readValue(line.substring(5), JobView.class))));
        await().atMost(Duration.ofSeconds(10)).until(() -> !seen.isEmpty());

        jobs.advance(job, JobState.DOWNLOADING);
        jobs.advance(job, JobState.ENCODING);
        jobs.recordProgress(job.jobId(), "mp4", 50, 45, null);
        jobs.advance(job, JobState.UPLOADING);
        jobs.complete(job, List.of(new StoredRendition("mp4", RenditionKind.VIDEO,
                "outputs/" + job.jobId() + "/mp4/", "clip.mp4", List.of(new RenditionFile("clip.mp4", 10, "video/mp4")))),
                List.of());

        stream.get(10, TimeUnit.SECONDS);
        assertThat(seen.get(0).state()).isEqualTo(JobState.QUEUED);
        assertThat(seen).extracting(JobView::state).isSorted();
        assertThat(seen).extracting(JobView::progress).isSorted();
        JobView last = seen.get(seen.size() - 1);
        assertThat(last.state()).isEqualTo(JobState.COMPLETED);
        assertThat(last.outputs()).hasSize(1);
    }

    @Test
    void answersAnUnknownJobWithAProblemInsteadOfAStream() throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(uri("/api/jobs/" + UUID.randomUUID() + "/events"))
                        .header("Accept", "text/event-stream") // as a browser's EventSource asks
                        .header("X-API-Key", TestKeys.ALICE)
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("/problems/job-not-found");
    }

    @Test
    void answersAnotherOwnersJobAsUnknown() throws Exception {
        JobTicket job = newJob("alice");
        HttpResponse<String> response = http.send(events(job, TestKeys.BOB), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("/problems/job-not-found");
    }

    @Test
    void boundsTheStreamsOneOwnerHoldsOpen() throws Exception {
        JobTicket job = newJob();
        List<Stream<String>> open = new ArrayList<>();
        try {
            for (int i = 0; i < 10; i++) {
                HttpResponse<Stream<String>> stream =
                        http.send(events(job, TestKeys.BOB), HttpResponse.BodyHandlers.ofLines());
                open.add(stream.body());
                assertThat(stream.statusCode()).isEqualTo(200);
            }

            HttpResponse<String> refused = http.send(events(job, TestKeys.BOB), HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(refused.headers().firstValue("Retry-After")).isPresent();
            assertThat(refused.body()).contains("/problems/too-many-streams");
        } finally {
            open.forEach(Stream::close);
        }

        jobs.fail(job.jobId(), FailureCode.STAGE_ERROR, "ended"); // which ends every stream of it
        JobTicket ended = newJob();
        jobs.fail(ended.jobId(), FailureCode.STAGE_ERROR, "ended"); // its stream ends after its one event
        await().atMost(Duration.ofSeconds(10)).until(() ->
                http.send(events(ended, TestKeys.BOB), HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
    }

    @Test
    void everyOneOfManyStreamsOpeningAndEndingAtOnceSeesItsJobEnd() throws Exception {
        List<JobTicket> watched = new ArrayList<>();
        List<List<String>> seen = new ArrayList<>();
        List<CompletableFuture<Void>> streams = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            String owner = i % 2 == 0 ? "alice" : "bob"; // each well within its limit of open streams
            JobTicket job = newJob(owner);
            List<String> views = new CopyOnWriteArrayList<>();
            watched.add(job);
            seen.add(views);
            streams.add(http.sendAsync(events(job, owner.equals("alice") ? TestKeys.ALICE : TestKeys.BOB),
                            HttpResponse.BodyHandlers.ofLines())
                    .thenAccept(response -> {
                        assertThat(response.statusCode()).isEqualTo(200);
                        response.body().filter(line -> line.startsWith("data:")).forEach(views::add);
                    }));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> seen.stream().noneMatch(List::isEmpty)
                || streams.stream().anyMatch(CompletableFuture::isCompletedExceptionally));

        for (JobTicket job : watched) {
            jobs.fail(job.jobId(), FailureCode.STAGE_ERROR, "ended");
        }

        for (int i = 0; i < streams.size(); i++) {
            streams.get(i).get(20, TimeUnit.SECONDS);
            assertThat(seen.get(i)).last().asString().contains("\"state\":\"FAILED\"");
        }
    }

    private JobTicket newJob() {
        return newJob("bob");
    }

    private JobTicket newJob(String owner) {
        JobTicket job = new JobTicket(UUID.randomUUID().toString(), owner, "b@example.com", List.of("mp4"), "clip.mp4");
        jobs.create(job);
        return job;
    }

    private HttpRequest events(JobTicket job, String key) {
        return HttpRequest.newBuilder(uri("/api/jobs/" + job.jobId() + "/events"))
                .header("X-API-Key", key)
                .timeout(Duration.ofSeconds(20))
                .build();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
