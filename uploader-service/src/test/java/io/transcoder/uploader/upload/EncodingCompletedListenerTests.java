package io.transcoder.uploader.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.transcoder.jobs.FailureCode;
import io.transcoder.jobs.JobRecord;
import io.transcoder.jobs.JobState;
import io.transcoder.jobs.JobStore;
import io.transcoder.messages.EncodedRendition;
import io.transcoder.messages.EncodingCompleted;
import io.transcoder.messages.FormatFailure;
import io.transcoder.messages.JobCancelled;
import io.transcoder.messages.JobFailed;
import io.transcoder.messages.JobTicket;
import io.transcoder.messages.RenditionFile;
import io.transcoder.messages.RenditionKind;
import io.transcoder.messages.StoredRendition;
import io.transcoder.messages.UploadCompleted;
import io.transcoder.messaging.EventPublisher;
import io.transcoder.messaging.Topology;
import io.transcoder.storage.StorageProperties;
import io.transcoder.test.EventCapture;
import io.transcoder.test.TranscoderTest;
import io.transcoder.work.WorkVolume;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

@TranscoderTest
class EncodingCompletedListenerTests {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String PLAYLIST = "application/vnd.apple.mpegurl";

    @Autowired
    EventPublisher publisher;

    @Autowired
    JobStore jobs;

    @Autowired
    WorkVolume workVolume;

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

    EventCapture uploaded;
    EventCapture failed;

    @BeforeEach
    void capture() {
        uploaded = EventCapture.of(admin, rabbit, topology.exchange(), "upload.completed.v2");
        failed = EventCapture.of(admin, rabbit, topology.exchange(), "job.failed.v1");
    }

    @AfterEach
    void release() {
        uploaded.close();
        failed.close();
    }

    @Test
    void storesEveryOutputCompletesTheJobAndCleansUp() throws IOException {
        JobTicket job = encodingJob();
        String sourceKey = "sources/" + job.jobId() + "/holiday.mov";
        s3.putObject(put -> put.bucket(storage.bucket()).key(sourceKey), RequestBody.fromString("source"));
        byte[] mp4 = write(job.jobId(), "mp4", "holiday.mp4", 200_000);
        byte[] webm = write(job.jobId(), "webm", "holiday.webm", 100_000);

        publisher.publish(new EncodingCompleted(job, List.of(
                encoded(job, "mp4", "holiday.mp4", mp4.length, "video/mp4"),
                encoded(job, "webm", "holiday.webm", webm.length, "video/webm")), List.of()));

        UploadCompleted event = uploaded.next(UploadCompleted.class, WAIT);
        assertThat(event).isNotNull();
        assertThat(event.renditions()).containsExactly(
                stored(job, "mp4", "holiday.mp4", mp4.length, "video/mp4"),
                stored(job, "webm", "holiday.webm", webm.length, "video/webm"));
        StoredRendition first = event.renditions().get(0);
        assertThat(first.key(first.entryFile())).isEqualTo("outputs/" + job.jobId() + "/mp4/holiday.mp4");
        ResponseBytes<GetObjectResponse> stored = s3.getObjectAsBytes(get -> get.bucket(storage.bucket())
                .key(first.key(first.entryFile())));
        assertThat(stored.asByteArray()).isEqualTo(mp4);
        assertThat(stored.response().contentType()).isEqualTo("video/mp4");
        assertThat(stored.response().contentDisposition()).isEqualTo("attachment; filename=\"holiday.mp4\"");

        JobRecord record = jobs.find(job.jobId()).orElseThrow();
        assertThat(record.state()).as("completed before it is announced").isEqualTo(JobState.COMPLETED);
        assertThat(record.progress()).isEqualTo(100);
        assertThat(record.outputs()).isEqualTo(event.renditions());
        // the clean-up follows the announcement, so that a failing one never holds the announcement back
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(keys("sources/" + job.jobId() + "/")).isEmpty();
            assertThat(workVolume.jobDirectory(job.jobId())).doesNotExist();
        });
    }

    @Test
    void announcesAJobItCompletedBeforeAgainWhenTheMessageComesBack() {
        JobTicket job = encodingJob();
        jobs.advance(job, JobState.UPLOADING);
        StoredRendition stored = stored(job, "mp4", "holiday.mp4", 3, "video/mp4");
        jobs.complete(job, List.of(stored), List.of());

        publisher.publish(new EncodingCompleted(job, List.of(encoded(job, "mp4", "holiday.mp4", 3, "video/mp4")), List.of()));

        UploadCompleted event = uploaded.next(UploadCompleted.class, WAIT);
        assertThat(event).isEqualTo(new UploadCompleted(job, List.of(stored), List.of()));
    }

    @Test
    void removesTheStoredFilesOfAJobFailedForItsInput() {
        JobTicket job = encodingJob();
        String source = "sources/" + job.jobId() + "/holiday.mov";
        String output = "outputs/" + job.jobId() + "/mp4/holiday.mp4";
        for (String key : List.of(source, output)) {
            s3.putObject(put -> put.bucket(storage.bucket()).key(key), RequestBody.fromString("x"));
        }

        publisher.publish(new JobFailed(job, JobState.ENCODING, FailureCode.INPUT_NOT_VIDEO, "not a video"));

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(keys("sources/" + job.jobId() + "/")).isEmpty();
            assertThat(keys("outputs/" + job.jobId() + "/")).isEmpty();
        });
    }

    @Test
    void keepsTheSourceAndEarlierRenditionsOfAJobThatFailedForAReasonARetryCouldMend() {
        JobTicket first = encodingJob();
        JobTicket retry = new JobTicket(first.jobId(), first.owner(), first.email(), List.of("webm"), first.sourceName(), 2);
        String source = "sources/" + first.jobId() + "/holiday.mov";
        String kept = "outputs/" + first.jobId() + "/mp4/holiday.mp4";
        String halfStored = "outputs/" + first.jobId() + "/webm/holiday.webm";
        for (String key : List.of(source, kept, halfStored)) {
            s3.putObject(put -> put.bucket(storage.bucket()).key(key), RequestBody.fromString("x"));
        }

        publisher.publish(new JobFailed(retry, JobState.UPLOADING, FailureCode.STAGE_ERROR, "lost"));

        await().atMost(WAIT).untilAsserted(() -> assertThat(keys("outputs/" + first.jobId() + "/webm/")).isEmpty());
        assertThat(keys("sources/" + first.jobId() + "/")).containsExactly(source);
        assertThat(keys("outputs/" + first.jobId() + "/")).containsExactly(kept);
    }

    @Test
    void completesTheJobWithTheFormatsThatFailedListedAndKeepsTheSourceForARetry() throws IOException {
        JobTicket job = encodingJob();
        String sourceKey = "sources/" + job.jobId() + "/holiday.mov";
        s3.putObject(put -> put.bucket(storage.bucket()).key(sourceKey), RequestBody.fromString("source"));
        byte[] mp4 = write(job.jobId(), "mp4", "holiday.mp4", 1000);
        FormatFailure webm = new FormatFailure("webm", FailureCode.ENCODER_TIMEOUT, "The WebM version took too long.");

        publisher.publish(new EncodingCompleted(job, List.of(encoded(job, "mp4", "holiday.mp4", mp4.length, "video/mp4")),
                List.of(webm)));

        UploadCompleted event = uploaded.next(UploadCompleted.class, WAIT);
        assertThat(event).isNotNull();
        assertThat(event.renditions()).containsExactly(stored(job, "mp4", "holiday.mp4", mp4.length, "video/mp4"));
        assertThat(event.failures()).containsExactly(webm);
        JobRecord record = jobs.find(job.jobId()).orElseThrow();
        assertThat(record.state()).isEqualTo(JobState.COMPLETED);
        assertThat(record.failures()).containsExactly(webm);
        assertThat(record.ticket().formats()).as("what a retry makes").containsExactly("webm");
        await().atMost(WAIT).untilAsserted(() -> assertThat(workVolume.jobDirectory(job.jobId())).doesNotExist());
        assertThat(keys("sources/" + job.jobId() + "/")).containsExactly(sourceKey);
    }

    @Test
    void announcesTheRenditionsOfTheFirstAttemptWithThoseOfARetryAndKeepsTheirObjects() throws IOException {
        JobTicket first = encodingJob();
        jobs.advance(first, JobState.UPLOADING);
        StoredRendition mp4 = stored(first, "mp4", "holiday.mp4", 1, "video/mp4");
        s3.putObject(put -> put.bucket(storage.bucket()).key(mp4.key(mp4.entryFile())), RequestBody.fromString("m"));
        jobs.complete(first, List.of(mp4), List.of(new FormatFailure("webm", FailureCode.ENCODER_ERROR, "failed")));
        JobTicket retry = jobs.retry(jobs.find(first.jobId()).orElseThrow(), List.of("webm")).orElseThrow();
        jobs.advance(retry, JobState.ENCODING);
        byte[] webm = write(first.jobId(), "webm", "holiday.webm", 2000);

        publisher.publish(new EncodingCompleted(retry,
                List.of(encoded(retry, "webm", "holiday.webm", webm.length, "video/webm")), List.of()));

        UploadCompleted event = uploaded.next(UploadCompleted.class, WAIT);
        assertThat(event).isNotNull();
        assertThat(event.job().attempt()).isEqualTo(2);
        assertThat(event.renditions()).containsExactlyInAnyOrder(mp4,
                stored(retry, "webm", "holiday.webm", webm.length, "video/webm"));
        assertThat(event.failures()).isEmpty();
        assertThat(jobs.find(first.jobId()).orElseThrow().outputs()).containsExactlyInAnyOrderElementsOf(event.renditions());
        assertThat(keys("outputs/" + first.jobId() + "/")).containsExactlyInAnyOrder(
                "outputs/" + first.jobId() + "/mp4/holiday.mp4", "outputs/" + first.jobId() + "/webm/holiday.webm");
    }

    @Test
    void removesTheSourceTheRenditionsAndTheWorkDirectoryOfACancelledJob() throws IOException {
        JobTicket job = encodingJob();
        String source = "sources/" + job.jobId() + "/holiday.mov";
        String output = "outputs/" + job.jobId() + "/mp4/holiday.mp4";
        for (String key : List.of(source, output)) {
            s3.putObject(put -> put.bucket(storage.bucket()).key(key), RequestBody.fromString("x"));
        }
        write(job.jobId(), "webm", "holiday.webm", 100);
        jobs.cancel(job.jobId());

        publisher.publish(new JobCancelled(job, JobState.ENCODING));

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(keys("sources/" + job.jobId() + "/")).isEmpty();
            assertThat(keys("outputs/" + job.jobId() + "/")).isEmpty();
            assertThat(workVolume.jobDirectory(job.jobId())).doesNotExist();
        });
    }

    private List<String> keys(String prefix) {
        return s3.listObjectsV2(list -> list.bucket(storage.bucket()).prefix(prefix)).contents().stream()
                .map(S3Object::key)
                .toList();
    }

    @Test
    void failsTheJobWhenAnOutputIsMissing() {
        JobTicket job = encodingJob();

        publisher.publish(new EncodingCompleted(job, List.of(encoded(job, "mp4", "holiday.mp4", 1000, "video/mp4")), List.of()));

        JobFailed event = failed.next(JobFailed.class, WAIT);
        assertThat(event).isNotNull();
        assertThat(event.stage()).isEqualTo(JobState.UPLOADING);
        assertThat(event.reason()).contains("mp4");
        // the failure is recorded before it is announced
        assertThat(jobs.state(job.jobId())).contains(JobState.FAILED);
    }

    @Test
    void storesSegmentsOfTwoRungsWithTheSameNameUnderTheirOwnKeysWithTheirOwnBytesAndTypes() throws IOException {
        JobTicket job = encodingJob();
        List<RenditionFile> files = new ArrayList<>();
        Map<String, byte[]> written = new LinkedHashMap<>();
        files.add(file(job, written, "master.m3u8", 120, PLAYLIST));
        // more files than are stored at once: rungs of ten segments, each rung with a playlist and an init segment
        for (String rung : List.of("720p", "480p")) {
            files.add(file(job, written, rung + "/index.m3u8", 400, PLAYLIST));
            files.add(file(job, written, rung + "/init.mp4", 800, "video/mp4"));
            for (int segment = 0; segment < 10; segment++) {
                int size = (rung.equals("720p") ? 3000 : 1500) + segment;
                files.add(file(job, written, rung + "/seg_%03d.m4s".formatted(segment), size, "video/iso.segment"));
            }
        }
        EncodedRendition ladder = new EncodedRendition("hls", RenditionKind.STREAM, job.jobId() + "/out/hls",
                "master.m3u8", files);

        publisher.publish(new EncodingCompleted(job, List.of(ladder), List.of()));

        UploadCompleted event = uploaded.next(UploadCompleted.class, WAIT);
        assertThat(event).isNotNull();
        String prefix = "outputs/" + job.jobId() + "/hls/";
        assertThat(event.renditions()).containsExactly(
                new StoredRendition("hls", RenditionKind.STREAM, prefix, "master.m3u8", files));
        assertThat(keys(prefix)).containsExactlyInAnyOrderElementsOf(
                written.keySet().stream().map(path -> prefix + path).toList());
        for (RenditionFile file : files) {
            ResponseBytes<GetObjectResponse> stored =
                    s3.getObjectAsBytes(get -> get.bucket(storage.bucket()).key(prefix + file.path()));
            assertThat(stored.asByteArray()).as(file.path()).isEqualTo(written.get(file.path()));
            assertThat(stored.response().contentType()).as(file.path()).isEqualTo(file.mediaType());
        }
        ResponseBytes<GetObjectResponse> high =
                s3.getObjectAsBytes(get -> get.bucket(storage.bucket()).key(prefix + "720p/seg_000.m4s"));
        ResponseBytes<GetObjectResponse> low =
                s3.getObjectAsBytes(get -> get.bucket(storage.bucket()).key(prefix + "480p/seg_000.m4s"));
        assertThat(high.asByteArray()).hasSize(3000).isNotEqualTo(low.asByteArray());
        assertThat(low.asByteArray()).hasSize(1500);
        assertThat(List.of(high.response(), low.response())).extracting(GetObjectResponse::contentDisposition)
                .containsOnly("attachment; filename=\"seg_000.m4s\"");
    }

    @Test
    void failsTheJobNamingTheFileWhenOneFileOfARenditionIsMissing() throws IOException {
        JobTicket job = encodingJob();
        Map<String, byte[]> written = new LinkedHashMap<>();
        RenditionFile master = file(job, written, "master.m3u8", 120, PLAYLIST);
        RenditionFile lost = new RenditionFile("480p/seg_007.m4s", 1500, "video/iso.segment");
        EncodedRendition ladder = new EncodedRendition("hls", RenditionKind.STREAM, job.jobId() + "/out/hls",
                "master.m3u8", List.of(master, lost));

        publisher.publish(new EncodingCompleted(job, List.of(ladder), List.of()));

        JobFailed event = failed.next(JobFailed.class, WAIT);
        assertThat(event).isNotNull();
        assertThat(event.reason()).isEqualTo("The hls rendition lost its file 480p/seg_007.m4s before it could be stored.");
        assertThat(jobs.state(job.jobId())).contains(JobState.FAILED);
        assertThat(keys("outputs/" + job.jobId() + "/")).isEmpty();
        await().atMost(WAIT).untilAsserted(() -> assertThat(workVolume.jobDirectory(job.jobId())).doesNotExist());
    }

    @Test
    void announcesNothingAndStoresNothingForAJobThatHasEnded() throws IOException {
        JobTicket ended = encodingJob();
        jobs.fail(ended.jobId(), FailureCode.STAGE_ERROR, "given up");
        jobs.markFailureAnnounced(ended.jobId());
        byte[] mp4 = write(ended.jobId(), "mp4", "holiday.mp4", 1000);
        JobTicket next = encodingJob();
        byte[] nextMp4 = write(next.jobId(), "mp4", "holiday.mp4", 1000);

        publisher.publish(new EncodingCompleted(ended, List.of(encoded(ended, "mp4", "holiday.mp4", mp4.length, "video/mp4")), List.of()));
        // one consumer takes the queue in order: once the next job is announced, the ended one has been handled
        publisher.publish(new EncodingCompleted(next, List.of(encoded(next, "mp4", "holiday.mp4", nextMp4.length, "video/mp4")), List.of()));

        UploadCompleted event = uploaded.next(UploadCompleted.class, WAIT);
        assertThat(event).isNotNull();
        assertThat(event.jobId()).isEqualTo(next.jobId());
        assertThat(keys("outputs/" + ended.jobId() + "/")).isEmpty();
        assertThat(workVolume.jobDirectory(ended.jobId())).doesNotExist();
        assertThat(jobs.state(ended.jobId())).contains(JobState.FAILED);
        assertThat(failed.next(JobFailed.class, job -> job.jobId().equals(ended.jobId()), Duration.ofMillis(200)))
                .as("announced once, by whoever failed it").isNull();
    }

    private RenditionFile file(JobTicket job, Map<String, byte[]> written, String path, int size, String type)
            throws IOException {
        written.put(path, write(job.jobId(), "hls", path, size));
        return new RenditionFile(path, size, type);
    }

    private static EncodedRendition encoded(JobTicket job, String format, String name, long size, String type) {
        return new EncodedRendition(format, RenditionKind.VIDEO, job.jobId() + "/out/" + format, name,
                List.of(new RenditionFile(name, size, type)));
    }

    private static StoredRendition stored(JobTicket job, String format, String name, long size, String type) {
        return new StoredRendition(format, RenditionKind.VIDEO, "outputs/" + job.jobId() + "/" + format + "/", name,
                List.of(new RenditionFile(name, size, type)));
    }

    private byte[] write(String jobId, String format, String name, int size) throws IOException {
        byte[] content = new byte[size];
        new Random(Objects.hash(jobId, format, name, size)).nextBytes(content);
        Path file = workVolume.outputDirectory(jobId, format).resolve(name);
        Files.createDirectories(file.getParent());
        Files.write(file, content);
        return content;
    }

    private JobTicket encodingJob() {
        JobTicket job = new JobTicket(UUID.randomUUID().toString(), "owner-a", "someone@example.com", List.of("mp4", "webm"),
                "Holiday.mov");
        jobs.create(job);
        jobs.advance(job, JobState.ENCODING);
        return job;
    }
}
