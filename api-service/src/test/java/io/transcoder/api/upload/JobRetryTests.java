package io.transcoder.api.upload;

import static org.assertj.core.api.Assertions.assertThat;

import io.transcoder.api.TestKeys;
import io.transcoder.jobs.FailureCode;
import io.transcoder.jobs.JobRecord;
import io.transcoder.jobs.JobState;
import io.transcoder.jobs.JobStore;
import io.transcoder.messages.FormatFailure;
import io.transcoder.messages.JobRequested;
import io.transcoder.messages.JobTicket;
import io.transcoder.messages.RenditionFile;
import io.transcoder.messages.RenditionKind;
import io.transcoder.messages.StoredRendition;
import io.transcoder.messaging.Topology;
import io.transcoder.test.EventCapture;
import io.transcoder.test.TranscoderTest;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.client.MultipartBodyBuilder;
import tools.jackson.databind.json.JsonMapper;

@TranscoderTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class JobRetryTests {

    @LocalServerPort
    int port;

    @Autowired
    JobStore jobs;

    @Autowired
    AmqpAdmin admin;

    @Autowired
    RabbitTemplate rabbit;

    @Autowired
    Topology topology;

    @Autowired
    JsonMapper json;

    EventCapture requested;
    ApiClient api;

    @BeforeEach
    void listenForRequestedJobs() {
        requested = EventCapture.of(admin, rabbit, topology.exchange(), "job.requested.v1");
        api = new ApiClient(port, json);
    }

    @AfterEach
    void stopListening() {
        requested.close();
    }

    @Test
    void retriesOnlyTheFormatThatFailedOfACompletedJobFromItsStoredSource() {
        JobTicket first = submitted("mp4,webm");
        jobs.advance(first, JobState.DOWNLOADING);
        jobs.advance(first, JobState.ENCODING);
        jobs.advance(first, JobState.UPLOADING);
        jobs.complete(first, List.of(rendition(first.jobId(), "mp4")),
                List.of(new FormatFailure("webm", FailureCode.ENCODER_ERROR, "ffmpeg failed.")));

        ApiClient.Answer answer = api.post("/api/jobs/" + first.jobId() + "/retry");

        assertThat(answer.status()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(answer.location()).isEqualTo("/api/jobs/" + first.jobId());
        assertThat(answer.body().get("state").asString()).isEqualTo("QUEUED");
        assertThat(answer.body().get("attempt").asInt()).isEqualTo(2);
        assertThat(answer.body().get("failures").isEmpty()).as("the last attempt's failures are forgotten").isTrue();
        JobRequested retry = requested.next(JobRequested.class,
                e -> e.jobId().equals(first.jobId()) && e.job().attempt() == 2, Duration.ofSeconds(10));
        assertThat(retry).isNotNull();
        assertThat(retry.job().formats()).containsExactly("webm");
        assertThat(retry.sourceKey()).isEqualTo("sources/" + first.jobId() + "/clip.mp4");
        JobRecord job = jobs.find(first.jobId()).orElseThrow();
        assertThat(job.outputs()).extracting(StoredRendition::format).as("kept").containsExactly("mp4");
    }

    @Test
    void retriesAJobThatFailedForAReasonOtherThanItsInput() {
        JobTicket first = submitted("mp4");
        jobs.fail(first.jobId(), FailureCode.UNAVAILABLE, "Storage stayed unreachable.");

        ApiClient.Answer answer = api.post("/api/jobs/" + first.jobId() + "/retry");

        assertThat(answer.status()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(answer.body().has("error")).as("the last attempt's error is forgotten").isFalse();
        JobRequested retry = requested.next(JobRequested.class,
                e -> e.jobId().equals(first.jobId()) && e.job().attempt() == 2, Duration.ofSeconds(10));
        assertThat(retry.job().formats()).containsExactly("mp4");
    }

    @Test
    void refusesToRetryAJobWhoseInputIsNotAVideo() {
        JobTicket first = submitted("mp4");
        jobs.fail(first.jobId(), FailureCode.INPUT_NOT_VIDEO, "The file is not a video.");

        ApiClient.Answer answer = api.post("/api/jobs/" + first.jobId() + "/retry");

        assertNotRetryable(answer, "input itself");
        assertThat(jobs.state(first.jobId())).contains(JobState.FAILED);
    }

    @Test
    void refusesToRetryARunningJob() {
        JobTicket first = submitted("mp4");
        jobs.advance(first, JobState.DOWNLOADING);
        jobs.advance(first, JobState.ENCODING);

        assertNotRetryable(api.post("/api/jobs/" + first.jobId() + "/retry"), "still running");
        assertThat(jobs.find(first.jobId()).orElseThrow().attempt()).isEqualTo(1);
    }

    @Test
    void refusesToRetryAJobThatHasEveryFormat() {
        JobTicket first = submitted("mp4");
        jobs.complete(first, List.of(rendition(first.jobId(), "mp4")), List.of());

        assertNotRetryable(api.post("/api/jobs/" + first.jobId() + "/retry"), "nothing failed");
    }

    @Test
    void refusesToRetryAJobWhoseSourceIsNoLongerStored() {
        JobTicket job = new JobTicket(UUID.randomUUID().toString(), "alice", "a@example.com", List.of("mp4"),
                "clip.mp4");
        jobs.create(job);
        jobs.fail(job.jobId(), FailureCode.ENCODER_ERROR, "ffmpeg failed.");

        assertNotRetryable(api.post("/api/jobs/" + job.jobId() + "/retry"), "no longer kept");
    }

    @Test
    void answersAnotherOwnersJobAsUnknown() {
        JobTicket first = submitted("mp4");
        jobs.fail(first.jobId(), FailureCode.ENCODER_ERROR, "ffmpeg failed.");

        ApiClient.Answer answer = new ApiClient(port, json, TestKeys.BOB)
                .post("/api/jobs/" + first.jobId() + "/retry");

        assertThat(answer.status()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(jobs.state(first.jobId())).contains(JobState.FAILED);
    }

    /** A job submitted through the API, so that its source is stored as a submission stores it. */
    private JobTicket submitted(String formats) {
        MultipartBodyBuilder form = Uploads.fields(formats, "someone@example.com");
        form.part("file", Uploads.file(Uploads.bytes(2000), "clip.mp4"));
        ApiClient.Answer answer = api.submit(form);
        assertThat(answer.status()).isEqualTo(HttpStatus.ACCEPTED);
        return jobs.find(answer.body().get("id").asString()).orElseThrow().ticket();
    }

    private static StoredRendition rendition(String jobId, String format) {
        return new StoredRendition(format, RenditionKind.VIDEO, "outputs/" + jobId + "/" + format + "/",
                "clip." + format, List.of(new RenditionFile("clip." + format, 10, "video/" + format)));
    }

    private static void assertNotRetryable(ApiClient.Answer answer, String why) {
        assertThat(answer.status()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(answer.contentType()).isEqualTo("application/problem+json");
        assertThat(answer.body().get("type").asString()).isEqualTo("/problems/not-retryable");
        assertThat(answer.body().get("title").asString()).isNotBlank();
        assertThat(answer.body().get("detail").asString()).contains(why);
    }
}
