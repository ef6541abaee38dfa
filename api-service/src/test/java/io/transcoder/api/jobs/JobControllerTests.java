package io.transcoder.api.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;

import io.transcoder.api.ApiProperties;
import io.transcoder.api.TestKeys;
import io.transcoder.api.security.SecurityConfiguration;
import io.transcoder.jobs.FailureCode;
import io.transcoder.jobs.JobPhase;
import io.transcoder.jobs.JobRecord;
import io.transcoder.jobs.JobState;
import io.transcoder.jobs.JobStore;
import io.transcoder.messages.FormatFailure;
import io.transcoder.messages.RenditionFile;
import io.transcoder.messages.RenditionKind;
import io.transcoder.messages.StoredRendition;
import io.transcoder.messaging.EventPublisher;
import io.transcoder.storage.DownloadLinks;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

@WebMvcTest(JobController.class)
@Import({JobViews.class, JobCancellations.class, SecurityConfiguration.class})
@EnableConfigurationProperties(ApiProperties.class)
class JobControllerTests {

    private static final String ID = "3f0c6c8e-2f1e-4a47-9d39-7a5f5a0f0b0e";
    private static final Instant CREATED = Instant.parse("2026-11-28T10:00:00Z");

    @Autowired
    MockMvcTester mvc;

    @MockitoBean
    JobStore jobs;

    @MockitoBean
    DownloadLinks links;

    @MockitoBean
    JobEvents events;

    @MockitoBean
    EventPublisher publisher;

    @Test
    void showsWhatTheEncoderIsDoingAndWhenItExpectsToBeDone() {
        JobRecord job = job(JobState.ENCODING, 45, List.of(), null);
        Instant end = CREATED.plusSeconds(60);
        given(jobs.find(ID)).willReturn(Optional.of(new JobRecord(job.id(), job.owner(), job.state(), null, job.email(),
                job.formats(), job.sourceName(), job.progress(), job.formatProgress(), job.outputs(), List.of(), 1, null,
                job.createdAt(), job.updatedAt(), null, true, null, JobPhase.CHECKING, end, null)));

        assertThat(mvc.get().header("X-API-Key", TestKeys.ALICE).uri("/api/jobs/{id}", ID))
                .hasStatusOk()
                .bodyJson()
                .hasPathSatisfying("$.phase", phase -> assertThat(phase).asString().isEqualTo("CHECKING"))
                .hasPathSatisfying("$.estimatedEnd", at -> assertThat(at).asString().isEqualTo(end.toString()));
    }

    @Test
    void showsARunningJobWithItsProgressAndNoOutputs() {
        given(jobs.find(ID)).willReturn(Optional.of(job(JobState.ENCODING, 45, List.of(outputOf("mp4")), null)));

        assertThat(mvc.get().header("X-API-Key", TestKeys.ALICE).uri("/api/jobs/{id}", ID))
                .hasStatusOk()
                .bodyJson()
                .hasPathSatisfying("$.state", state -> assertThat(state).asString().isEqualTo("ENCODING"))
                .hasPathSatisfying("$.progress", progress -> assertThat(progress).asNumber().isEqualTo(45))
                .hasPathSatisfying("$.formatProgress.mp4", progress -> assertThat(progress).asNumber().isEqualTo(50))
                .hasPathSatisfying("$.outputs", outputs -> assertThat(outputs).asArray().isEmpty())
                .doesNotHavePath("$.error")
                .doesNotHavePath("$.email");
    }

    @Test
    void showsACompletedJobWithADownloadLinkPerOutput() {
        given(jobs.find(ID)).willReturn(Optional.of(job(JobState.COMPLETED, 100, List.of(outputOf("mp4")), null)));
        given(links.download(any(), any(), any())).willReturn(URI.create("http://s3.example/outputs/x?X-Amz-Signature=abc"));

        assertThat(mvc.get().header("X-API-Key", TestKeys.ALICE).uri("/api/jobs/{id}", ID))
                .hasStatusOk()
                .bodyJson()
                .hasPathSatisfying("$.outputs[0].format", format -> assertThat(format).asString().isEqualTo("mp4"))
                .hasPathSatisfying("$.outputs[0].size", size -> assertThat(size).asNumber().isEqualTo(1234))
                .hasPathSatisfying("$.outputs[0].kind", kind -> assertThat(kind).asString().isEqualTo("VIDEO"))
                .hasPathSatisfying("$.outputs[0].fileName", name -> assertThat(name).asString().isEqualTo("clip.mp4"))
                .hasPathSatisfying("$.outputs[0].url",
                        url -> assertThat(url).asString().startsWith("http://s3.example/outputs/x"));
    }

    @Test
    void listsEveryFileOfAPictureRenditionButOnlyTheEntryOfAVideo() {
        StoredRendition storyboard = new StoredRendition("storyboard", RenditionKind.IMAGE,
                "outputs/" + ID + "/storyboard/", "storyboard.vtt", List.of(
                        new RenditionFile("storyboard.vtt", 300, "text/vtt"),
                        new RenditionFile("sprite.jpg", 40_000, "image/jpeg")));
        given(jobs.find(ID)).willReturn(Optional.of(job(JobState.COMPLETED, 100, List.of(outputOf("mp4"), storyboard),
                null)));
        given(links.download(any(), any(), any())).willReturn(URI.create("http://s3.example/entry"));
        given(links.download(any(), any(), any(RenditionFile.class), any())).willAnswer(call ->
                URI.create("http://s3.example/" + call.getArgument(2, RenditionFile.class).path()));

        assertThat(mvc.get().header("X-API-Key", TestKeys.ALICE).uri("/api/jobs/{id}", ID))
                .hasStatusOk()
                .bodyJson()
                .doesNotHavePath("$.outputs[0].files")
                .hasPathSatisfying("$.outputs[0].mediaType", type -> assertThat(type).asString().isEqualTo("video/mp4"))
                .hasPathSatisfying("$.outputs[1].fileName", name -> assertThat(name).asString()
                        .isEqualTo("storyboard.vtt"))
                .hasPathSatisfying("$.outputs[1].size", size -> assertThat(size).asNumber().isEqualTo(40_300))
                .hasPathSatisfying("$.outputs[1].files[*].path", paths -> assertThat(paths).asArray()
                        .containsExactly("storyboard.vtt", "sprite.jpg"))
                .hasPathSatisfying("$.outputs[1].files[1].size", size -> assertThat(size).asNumber().isEqualTo(40_000))
                .hasPathSatisfying("$.outputs[1].files[1].mediaType", type -> assertThat(type).asString()
                        .isEqualTo("image/jpeg"))
                .hasPathSatisfying("$.outputs[1].files[1].url", url -> assertThat(url).asString()
                        .isEqualTo("http://s3.example/sprite.jpg"));
    }

    @Test
    void showsTheFormatsAJobCompletedWithoutAndItsAttempt() {
        JobRecord job = job(JobState.COMPLETED, 100, List.of(outputOf("mp4")), null);
        given(jobs.find(ID)).willReturn(Optional.of(new JobRecord(job.id(), job.owner(), job.state(), null, job.email(),
                List.of("mp4", "webm"), job.sourceName(), job.progress(), job.formatProgress(), job.outputs(),
                List.of(new FormatFailure("webm", FailureCode.ENCODER_ERROR, "ffmpeg failed.")), 2, null,
                job.createdAt(), job.updatedAt(), null, true, null, JobPhase.COMPLETED, null, null)));
        given(links.download(any(), any(), any())).willReturn(URI.create("http://s3.example/entry"));

        assertThat(mvc.get().header("X-API-Key", TestKeys.ALICE).uri("/api/jobs/{id}", ID))
                .hasStatusOk()
                .bodyJson()
                .hasPathSatisfying("$.attempt", attempt -> assertThat(attempt).asNumber().isEqualTo(2))
                .hasPathSatisfying("$.outputs[*].format", formats -> assertThat(formats).asArray()
                        .containsExactly("mp4"))
                .hasPathSatisfying("$.failures[0].format", format -> assertThat(format).asString().isEqualTo("webm"))
                .hasPathSatisfying("$.failures[0].code", code -> assertThat(code).asString()
                        .isEqualTo("ENCODER_ERROR"))
                .hasPathSatisfying("$.failures[0].reason", reason -> assertThat(reason).asString()
                        .isEqualTo("ffmpeg failed."));
    }

    @Test
    void showsNoFailuresForAJobWithoutAndItsFirstAttempt() {
        given(jobs.find(ID)).willReturn(Optional.of(job(JobState.ENCODING, 45, List.of(), null)));

        assertThat(mvc.get().header("X-API-Key", TestKeys.ALICE).uri("/api/jobs/{id}", ID))
                .hasStatusOk()
                .bodyJson()
                .hasPathSatisfying("$.failures", failures -> assertThat(failures).asArray().isEmpty())
                .hasPathSatisfying("$.attempt", attempt -> assertThat(attempt).asNumber().isEqualTo(1));
    }

    @Test
    void showsWhyAJobFailed() {
        given(jobs.find(ID)).willReturn(Optional.of(job(JobState.FAILED, 0, List.of(),
                new JobRecord.JobError("INPUT_NOT_VIDEO", "The file is not a video."))));

        assertThat(mvc.get().header("X-API-Key", TestKeys.ALICE).uri("/api/jobs/{id}", ID))
                .hasStatusOk()
                .bodyJson()
                .hasPathSatisfying("$.error.code", code -> assertThat(code).asString().isEqualTo("INPUT_NOT_VIDEO"))
                .hasPathSatisfying("$.error.stage", stage -> assertThat(stage).asString().isEqualTo("ENCODING"));
    }

    @Test
    void answersAnUnknownJobWithAProblem() {
        given(jobs.find(ID)).willReturn(Optional.empty());

        assertThat(mvc.get().header("X-API-Key", TestKeys.ALICE).uri("/api/jobs/{id}", ID))
                .hasStatus(HttpStatus.NOT_FOUND)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson()
                .hasPathSatisfying("$.type", type -> assertThat(type).asString().isEqualTo("/problems/job-not-found"));
    }

    @Test
    void answersAStoreThatIsDownWithAProblem() {
        given(jobs.find(ID)).willThrow(new RedisConnectionFailureException("Connection refused: localhost:6379"));

        assertThat(mvc.get().header("X-API-Key", TestKeys.ALICE).uri("/api/jobs/{id}", ID))
                .hasStatus(HttpStatus.SERVICE_UNAVAILABLE)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson()
                .hasPathSatisfying("$.type", type -> assertThat(type).asString().isEqualTo("/problems/unavailable"))
                .hasPathSatisfying("$.detail", detail -> assertThat(detail).asString().doesNotContain("6379"));
    }

    @Test
    void answersAnUnexpectedErrorWithAProblemThatGivesNothingAway() {
        given(jobs.find(ID)).willThrow(new IllegalStateException("secret internals"));

        assertThat(mvc.get().header("X-API-Key", TestKeys.ALICE).uri("/api/jobs/{id}", ID))
                .hasStatus(HttpStatus.INTERNAL_SERVER_ERROR)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson()
                .hasPathSatisfying("$.type", type -> assertThat(type).asString().isEqualTo("/problems/internal-error"))
                .hasPathSatisfying("$.detail", detail -> assertThat(detail).asString().doesNotContain("secret"));
    }

    @Test
    void answersAnUnknownPathWithAProblem() {
        assertThat(mvc.get().header("X-API-Key", TestKeys.ALICE).uri("/api/nothing-here"))
                .hasStatus(HttpStatus.NOT_FOUND)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void answersAMalformedIdWithoutAskingRedis() {
        assertThat(mvc.get().header("X-API-Key", TestKeys.ALICE).uri("/api/jobs/{id}", "../../etc/passwd"))
                .hasStatus(HttpStatus.BAD_REQUEST)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(mvc.get().header("X-API-Key", TestKeys.ALICE).uri("/api/jobs/{id}", "KEYS *")).hasStatus(HttpStatus.NOT_FOUND);
        then(jobs).shouldHaveNoInteractions();
    }

    @Test
    void answersAnotherOwnersJobAsUnknown() {
        given(jobs.find(ID)).willReturn(Optional.of(job(JobState.ENCODING, 45, List.of(), null)));

        assertThat(mvc.get().header("X-API-Key", TestKeys.BOB).uri("/api/jobs/{id}", ID))
                .hasStatus(HttpStatus.NOT_FOUND)
                .bodyJson()
                .hasPathSatisfying("$.type", type -> assertThat(type).asString().isEqualTo("/problems/job-not-found"));
    }

    @Test
    void refusesARequestWithoutAKeyOrWithAWrongOne() {
        assertThat(mvc.get().uri("/api/jobs/{id}", ID))
                .hasStatus(HttpStatus.UNAUTHORIZED)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
                .hasHeader("WWW-Authenticate", "Bearer realm=\"transcoder\"")
                .bodyJson()
                .hasPathSatisfying("$.type", type -> assertThat(type).asString().isEqualTo("/problems/unauthorized"));
        assertThat(mvc.get().header("Authorization", "Bearer not-a-key").uri("/api/jobs/{id}", ID))
                .hasStatus(HttpStatus.UNAUTHORIZED)
                .hasHeader("WWW-Authenticate", "Bearer realm=\"transcoder\", error=\"invalid_token\"");
        assertThat(mvc.get().header("Authorization", "Basic YWxpY2U6eA==").uri("/api/jobs/{id}", ID))
                .hasStatus(HttpStatus.UNAUTHORIZED);
        then(jobs).shouldHaveNoInteractions();
    }

    @Test
    void takesTheKeyAsABearerToken() {
        given(jobs.find(ID)).willReturn(Optional.of(job(JobState.ENCODING, 45, List.of(), null)));

        assertThat(mvc.get().header("Authorization", "Bearer " + TestKeys.ALICE).uri("/api/jobs/{id}", ID))
                .hasStatusOk();
    }

    @Test
    void servesNoActuatorEndpointButHealthOnTheApisPort() {
        assertThat(mvc.get().uri("/actuator/metrics")).hasStatus(HttpStatus.UNAUTHORIZED);
        assertThat(mvc.get().header("X-API-Key", TestKeys.ALICE).uri("/actuator/metrics"))
                .hasStatus(HttpStatus.FORBIDDEN);
    }

    private static StoredRendition outputOf(String format) {
        return new StoredRendition(format, RenditionKind.VIDEO, "outputs/" + ID + "/" + format + "/", "clip." + format,
                List.of(new RenditionFile("clip." + format, 1000, "video/" + format),
                        new RenditionFile("extra/part." + format, 234, "video/" + format)));
    }

    private static JobRecord job(JobState state, int progress, List<StoredRendition> outputs, JobRecord.JobError error) {
        return new JobRecord(ID, "alice", state, error == null ? null : JobState.ENCODING, "someone@example.com",
                List.of("mp4"), "clip.mp4", progress, Map.of("mp4", Math.min(100, progress + 5)), outputs, List.of(), 1, error,
                CREATED, CREATED.plusSeconds(5), null, true, null, JobPhase.valueOf(state.name()), null, null);
    }
}
