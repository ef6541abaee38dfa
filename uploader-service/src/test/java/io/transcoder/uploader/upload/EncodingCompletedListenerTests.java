package io.transcoder.uploader.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.transcoder.jobs.JobRecord;
import io.transcoder.jobs.JobState;
import io.transcoder.jobs.JobStore;
import io.transcoder.messages.EncodedRendition;
import io.transcoder.messages.EncodingCompleted;
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
import java.util.List;
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
                encoded(job, "webm", "holiday.webm", webm.length, "video/webm"))));

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
        assertThat(keys("sources/" + job.jobId() + "/")).isEmpty();
        await().atMost(WAIT).untilAsserted(() -> assertThat(workVolume.jobDirectory(job.jobId())).doesNotExist());
    }

    @Test
    void announcesAJobItCompletedBeforeAgainWhenTheMessageComesBack() {
        JobTicket job = encodingJob();
        jobs.advance(job.jobId(), JobState.UPLOADING);
        StoredRendition stored = stored(job, "mp4", "holiday.mp4", 3, "video/mp4");
        jobs.complete(job.jobId(), List.of(stored));

        publisher.publish(new EncodingCompleted(job, List.of(encoded(job, "mp4", "holiday.mp4", 3, "video/mp4"))));

        UploadCompleted event = uploaded.next(UploadCompleted.class, WAIT);
        assertThat(event).isEqualTo(new UploadCompleted(job, List.of(stored)));
    }

    @Test
    void removesTheStoredFilesOfAFailedJob() {
        JobTicket job = encodingJob();
        String source = "sources/" + job.jobId() + "/holiday.mov";
        String output = "outputs/" + job.jobId() + "/mp4/holiday.mp4";
        for (String key : List.of(source, output)) {
            s3.putObject(put -> put.bucket(storage.bucket()).key(key), RequestBody.fromString("x"));
        }

        publisher.publish(new JobFailed(job, "UPLOADING", "STAGE_ERROR", "lost"));

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(keys("sources/" + job.jobId() + "/")).isEmpty();
            assertThat(keys("outputs/" + job.jobId() + "/")).isEmpty();
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

        publisher.publish(new EncodingCompleted(job, List.of(encoded(job, "mp4", "holiday.mp4", 1000, "video/mp4"))));

        JobFailed event = failed.next(JobFailed.class, WAIT);
        assertThat(event).isNotNull();
        assertThat(event.stage()).isEqualTo("UPLOADING");
        assertThat(event.reason()).contains("mp4");
        // the failure is recorded before it is announced
        assertThat(jobs.state(job.jobId())).contains(JobState.FAILED);
    }

    @Test
    void keepsTheLayoutOfARenditionOfManyFiles() throws IOException {
        JobTicket job = encodingJob();
        byte[] master = write(job.jobId(), "hls", "master.m3u8", 100);
        byte[] high = write(job.jobId(), "hls", "720p/seg_001.m4s", 2000);
        byte[] low = write(job.jobId(), "hls", "480p/seg_001.m4s", 1000);
        EncodedRendition ladder = new EncodedRendition("hls", RenditionKind.STREAM, job.jobId() + "/out/hls",
                "master.m3u8", List.of(new RenditionFile("master.m3u8", master.length, "application/vnd.apple.mpegurl"),
                        new RenditionFile("720p/seg_001.m4s", high.length, "video/iso.segment"),
                        new RenditionFile("480p/seg_001.m4s", low.length, "video/iso.segment")));

        publisher.publish(new EncodingCompleted(job, List.of(ladder)));

        UploadCompleted event = uploaded.next(UploadCompleted.class, WAIT);
        assertThat(event).isNotNull();
        String prefix = "outputs/" + job.jobId() + "/hls/";
        assertThat(keys(prefix)).containsExactlyInAnyOrder(
                prefix + "master.m3u8", prefix + "720p/seg_001.m4s", prefix + "480p/seg_001.m4s");
        assertThat(s3.getObjectAsBytes(get -> get.bucket(storage.bucket()).key(prefix + "480p/seg_001.m4s"))
                .asByteArray()).isEqualTo(low);
        assertThat(s3.headObject(head -> head.bucket(storage.bucket()).key(prefix + "master.m3u8")).contentType())
                .isEqualTo("application/vnd.apple.mpegurl");
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
        new Random(size).nextBytes(content);
        Path file = workVolume.outputDirectory(jobId, format).resolve(name);
        Files.createDirectories(file.getParent());
        Files.write(file, content);
        return content;
    }

    private JobTicket encodingJob() {
        JobTicket job = new JobTicket(UUID.randomUUID().toString(), "owner-a", "someone@example.com", List.of("mp4", "webm"),
                "Holiday.mov");
        jobs.create(job);
        jobs.advance(job.jobId(), JobState.ENCODING);
        return job;
    }
}
