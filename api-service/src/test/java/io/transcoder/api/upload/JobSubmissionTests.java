package io.transcoder.api.upload;

import static org.assertj.core.api.Assertions.assertThat;

import io.transcoder.jobs.JobRecord;
import io.transcoder.jobs.JobState;
import io.transcoder.jobs.JobStore;
import io.transcoder.messages.JobRequested;
import io.transcoder.messaging.Topology;
import io.transcoder.storage.StorageProperties;
import io.transcoder.test.EventCapture;
import io.transcoder.test.TranscoderTest;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import software.amazon.awssdk.services.s3.S3Client;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@TranscoderTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "api.max-upload-size=1MB")
class JobSubmissionTests {

    @LocalServerPort
    int port;

    @Autowired
    JobStore jobs;

    @Autowired
    S3Client s3;

    @Autowired
    StorageProperties storage;

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
    Set<String> sourcesBefore;

    @BeforeEach
    void listenForRequestedJobs() {
        requested = EventCapture.of(admin, rabbit, topology.exchange(), "job.requested.v1");
        api = new ApiClient(port, json);
        sourcesBefore = Uploads.storedSources(s3, storage.bucket());
    }

    @AfterEach
    void stopListening() {
        requested.close();
    }

    @Test
    void acceptsAVideoStoresItQueuesTheJobAndPublishesJobRequested() {
        byte[] video = Uploads.bytes(300_000);
        MultipartBodyBuilder form = new MultipartBodyBuilder();
        form.part("formats", "mp4");
        form.part("formats", "webm");
        form.part("email", "someone@example.com");
        form.part("file", Uploads.file(video, "My Holiday (1).MP4"));

        ApiClient.Answer answer = api.submit(form);

        assertThat(answer.status()).isEqualTo(HttpStatus.ACCEPTED);
        String id = answer.body().get("id").asString();
        assertThat(answer.location()).isEqualTo("/api/jobs/" + id);
        assertThat(answer.body().get("state").asString()).isEqualTo("QUEUED");
        JobRecord job = jobs.find(id).orElseThrow();
        assertThat(job.state()).isEqualTo(JobState.QUEUED);
        assertThat(job.formats()).containsExactly("mp4", "webm");
        assertThat(job.sourceName()).isEqualTo("My Holiday (1).MP4");

        JobRequested event = requested.next(JobRequested.class, Duration.ofSeconds(10));
        assertThat(event).isNotNull();
        assertThat(event.job().jobId()).isEqualTo(id);
        assertThat(event.job().email()).isEqualTo("someone@example.com");
        assertThat(event.sourceKey()).isEqualTo("sources/" + id + "/my_holiday_1_.mp4");
        assertThat(s3.getObjectAsBytes(get -> get.bucket(storage.bucket()).key(event.sourceKey())).asByteArray())
                .isEqualTo(video);
    }

    @Test
    void takesCommaSeparatedFormatsAndTheFileBeforeTheFields() {
        MultipartBodyBuilder form = new MultipartBodyBuilder();
        form.part("file", Uploads.file(Uploads.bytes(1000), "clip.mov"));
        form.part("formats", " WEBM, mp4 ,webm");
        form.part("email", "someone@example.com");

        ApiClient.Answer answer = api.submit(form);

        assertThat(answer.status()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(jobs.find(answer.body().get("id").asString()).orElseThrow().formats()).containsExactly("webm", "mp4");
    }

    @Test
    void storesAFileNamedToClimbOutOfItsFolderUnderAGeneratedKey() {
        MultipartBodyBuilder form = Uploads.fields("mp4", "someone@example.com");
        form.part("file", Uploads.file(Uploads.bytes(1000), "../../../etc/passwd"));

        ApiClient.Answer answer = api.submit(form);

        assertThat(answer.status()).isEqualTo(HttpStatus.ACCEPTED);
        String id = answer.body().get("id").asString();
        JobRequested event = requested.next(JobRequested.class, e -> e.jobId().equals(id), Duration.ofSeconds(10));
        assertThat(event.sourceKey()).isEqualTo("sources/" + id + "/passwd");
        assertThat(event.job().owner()).isEqualTo("alice");
        assertThat(jobs.find(id).orElseThrow().sourceName()).as("kept as a name only").isEqualTo("../../../etc/passwd");
    }

    @Test
    void refusesAnUploadWithoutAFile() {
        MultipartBodyBuilder form = Uploads.fields("mp4", "someone@example.com");

        assertProblem(api.submit(form), HttpStatus.BAD_REQUEST, "missing-file");
    }

    @Test
    void refusesAnEmptyFileAndKeepsNothing() {
        MultipartBodyBuilder form = Uploads.fields("mp4", "someone@example.com");
        form.part("file", Uploads.file(new byte[0], "empty.mp4"));

        assertProblem(api.submit(form), HttpStatus.BAD_REQUEST, "empty-file");
    }

    @Test
    void refusesAnUnknownFormatListingTheValidOnes() {
        MultipartBodyBuilder form = Uploads.fields("mp4,avi", "someone@example.com");
        form.part("file", Uploads.file(Uploads.bytes(1000), "clip.mp4"));

        JsonNode problem = assertProblem(api.submit(form), HttpStatus.BAD_REQUEST, "unknown-format");

        assertThat(problem.get("unknownFormats").toString()).isEqualTo("[\"avi\"]");
        assertThat(problem.get("validFormats").toString()).contains("\"mp4\"", "\"webm\"");
        assertThat(problem.get("detail").asString()).contains("avi");
    }

    @Test
    void refusesAnUploadWithoutFormats() {
        MultipartBodyBuilder form = new MultipartBodyBuilder();
        form.part("email", "someone@example.com");
        form.part("file", Uploads.file(Uploads.bytes(1000), "clip.mp4"));

        assertProblem(api.submit(form), HttpStatus.BAD_REQUEST, "missing-formats");
    }

    @Test
    void refusesAnInvalidEmail() {
        MultipartBodyBuilder form = Uploads.fields("mp4", "not an address");
        form.part("file", Uploads.file(Uploads.bytes(1000), "clip.mp4"));

        assertProblem(api.submit(form), HttpStatus.BAD_REQUEST, "invalid-email");
    }

    @Test
    void refusesAnInvalidEmailSentAfterTheFileAndDeletesTheStoredVideo() {
        MultipartBodyBuilder form = new MultipartBodyBuilder();
        form.part("formats", "mp4");
        form.part("file", Uploads.file(Uploads.bytes(5000), "clip.mp4"));
        form.part("email", "someone@example.com\r\nBcc: victim@example.com");

        assertProblem(api.submit(form), HttpStatus.BAD_REQUEST, "invalid-email");
    }

    @Test
    void refusesAnUploadOverTheSizeLimitAndKeepsNothing() {
        MultipartBodyBuilder form = Uploads.fields("mp4", "someone@example.com");
        form.part("file", Uploads.file(Uploads.bytes(1_500_000), "big.mp4"));

        JsonNode problem = assertProblem(api.submit(form), HttpStatus.CONTENT_TOO_LARGE, "upload-too-large");

        assertThat(problem.get("maxBytes").asLong()).isEqualTo(1024 * 1024);
    }

    @Test
    void refusesARequestThatIsNotMultipart() {
        ApiClient.Answer answer = api.post(MediaType.APPLICATION_JSON, "{\"file\": \"x\"}");

        assertProblem(answer, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "not-multipart");
    }

    @Test
    void refusesATruncatedMultipartBody() {
        String body = "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.mp4\"\r\n\r\nabc";

        ApiClient.Answer answer = api.post(MediaType.parseMediaType("multipart/form-data; boundary=b"), body);

        assertProblem(answer, HttpStatus.BAD_REQUEST, "malformed-upload");
    }

    private JsonNode assertProblem(ApiClient.Answer answer, HttpStatus status, String type) {
        assertThat(answer.status()).isEqualTo(status);
        assertThat(answer.contentType()).isEqualTo("application/problem+json");
        assertThat(answer.body().get("type").asString()).isEqualTo("/problems/" + type);
        assertThat(answer.body().get("status").asInt()).isEqualTo(status.value());
        assertThat(answer.body().get("title").asString()).isNotBlank();
        assertThat(Uploads.storedSources(s3, storage.bucket())).as("no source may be left behind").isEqualTo(sourcesBefore);
        return answer.body();
    }
}
