package io.transcoder.uploader.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;

import io.transcoder.jobs.JobPhase;
import io.transcoder.jobs.FailureCode;
import io.transcoder.jobs.JobRecord;
import io.transcoder.jobs.JobState;
import io.transcoder.jobs.JobStore;
import io.transcoder.messages.EncodedRendition;
import io.transcoder.messages.EncodingCompleted;
import io.transcoder.messages.FormatFailure;
import io.transcoder.messages.JobTicket;
import io.transcoder.messages.RenditionFile;
import io.transcoder.messages.RenditionKind;
import io.transcoder.messages.StoredRendition;
import io.transcoder.messages.UploadCompleted;
import io.transcoder.uploader.storage.JobObjects;
import io.transcoder.uploader.storage.JobObjects.ObjectFile;
import io.transcoder.uploader.upload.UploadResult.Rejected;
import io.transcoder.uploader.upload.UploadResult.Unwanted;
import io.transcoder.uploader.upload.UploadResult.Uploaded;
import io.transcoder.uploader.upload.UploadResult.UploadedBefore;
import io.transcoder.work.WorkVolume;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.InOrder;

class OutputUploadsTests {

    private static final String HLS = "application/vnd.apple.mpegurl";

    @TempDir
    Path root;

    private final JobObjects objects = mock(JobObjects.class);
    private final JobStore jobs = mock(JobStore.class);
    private final JobTicket job = new JobTicket("j1", "owner-a", "a@example.com", List.of("mp4", "hls"), "clip.mov");
    private final StoredRendition storedMp4 = new StoredRendition("mp4", RenditionKind.VIDEO, "outputs/j1/mp4/",
            "clip.mp4", List.of(new RenditionFile("clip.mp4", 5, "video/mp4")));
    private final StoredRendition storedHls = new StoredRendition("hls", RenditionKind.STREAM, "outputs/j1/hls/",
            "master.m3u8", List.of(new RenditionFile("master.m3u8", 3, HLS),
                    new RenditionFile("720p/seg_000.m4s", 4, "video/iso.segment")));
    private WorkVolume workVolume;
    private EncodingCompleted encoded;
    private OutputUploads uploads;

    @BeforeEach
    void renditionsInTheWorkVolume() throws Exception {
        workVolume = new WorkVolume(root);
        write("mp4", "clip.mp4");
        write("hls", "master.m3u8");
        write("hls", "720p/seg_000.m4s");
        encoded = new EncodingCompleted(job, List.of(
                new EncodedRendition("mp4", RenditionKind.VIDEO, "j1/out/mp4", "clip.mp4", storedMp4.files()),
                new EncodedRendition("hls", RenditionKind.STREAM, "j1/out/hls", "master.m3u8", storedHls.files())), List.of());
        uploads = new OutputUploads(objects, workVolume, jobs);
        given(jobs.advance(job, JobState.UPLOADING)).willReturn(true);
    }

    @Test
    void storesEveryFileWithItsOwnTypeThenCompletesTheJobBeforeAnyoneIsTold() {
        given(jobs.complete(eq(job), anyList(), anyList())).willReturn(Optional.of(List.of(storedMp4, storedHls)));

        UploadResult result = uploads.upload(encoded);

        assertThat(result).isEqualTo(new Uploaded(new UploadCompleted(job, List.of(storedMp4, storedHls), List.of())));
        Path out = workVolume.jobDirectory("j1").resolve("out");
        InOrder order = inOrder(objects, jobs);
        order.verify(jobs).advance(job, JobState.UPLOADING);
        order.verify(objects).putAll(List.of(
                new ObjectFile("outputs/j1/mp4/clip.mp4", out.resolve("mp4/clip.mp4"), "video/mp4", "clip.mp4"),
                new ObjectFile("outputs/j1/hls/master.m3u8", out.resolve("hls/master.m3u8"), HLS, "master.m3u8"),
                new ObjectFile("outputs/j1/hls/720p/seg_000.m4s", out.resolve("hls/720p/seg_000.m4s"),
                        "video/iso.segment", "seg_000.m4s")));
        order.verify(jobs).complete(job, List.of(storedMp4, storedHls), List.of());
    }

    @Test
    void refusesARenditionShortOfAFileBeforeStoringAnything() throws Exception {
        Files.delete(workVolume.outputDirectory("j1", "hls").resolve("720p/seg_000.m4s"));

        UploadResult result = uploads.upload(encoded);

        assertThat(result).isEqualTo(new Rejected(FailureCode.STAGE_ERROR,
                "The hls rendition lost its file 720p/seg_000.m4s before it could be stored."));
        then(objects).shouldHaveNoInteractions();
        then(jobs).should(never()).complete(any(), anyList(), anyList());
    }

    @Test
    void answersTheEarlierCompletionWhenTheJobWasCompletedBefore() {
        given(jobs.advance(job, JobState.UPLOADING)).willReturn(false);
        given(jobs.find("j1")).willReturn(Optional.of(record(JobState.COMPLETED, List.of(storedMp4))));

        UploadResult result = uploads.upload(encoded);

        assertThat(result).isEqualTo(new UploadedBefore(new UploadCompleted(job, List.of(storedMp4), List.of())));
        then(objects).shouldHaveNoInteractions();
    }

    @Test
    void storesNothingForAJobThatHadEnded() {
        given(jobs.advance(job, JobState.UPLOADING)).willReturn(false);
        given(jobs.find("j1")).willReturn(Optional.of(record(JobState.CANCELLED, List.of())));

        UploadResult result = uploads.upload(encoded);

        assertThat(result).isInstanceOf(Unwanted.class);
        assertThat(((Unwanted) result).why()).contains("CANCELLED");
        then(objects).shouldHaveNoInteractions();
    }

    @Test
    void leavesTheWorkDirectoryToTheNextAttemptOfAJobThatMovedOn() {
        given(jobs.advance(job, JobState.UPLOADING)).willReturn(false);
        given(jobs.find("j1")).willReturn(Optional.of(record(JobState.ENCODING, List.of())));

        UploadResult result = uploads.upload(encoded);
        uploads.cleanUp("j1", result);

        assertThat(result).isEqualTo(new Unwanted("is ENCODING (ended before)", true));
        assertThat(workVolume.jobDirectory("j1")).isDirectory();
        then(objects).shouldHaveNoInteractions();
    }

    @Test
    void removesTheWorkDirectoryAndTheSourceOfAJobCompletedWithEveryFormatButKeepsTheSourceOfOneWithFailures() {
        FormatFailure webm = new FormatFailure("webm", FailureCode.ENCODER_ERROR, "failed");

        uploads.cleanUp("j1", new Uploaded(new UploadCompleted(job, List.of(storedMp4), List.of(webm))));

        assertThat(workVolume.jobDirectory("j1")).doesNotExist();
        then(objects).should(never()).deleteSource(any());

        uploads.cleanUp("j1", new Uploaded(new UploadCompleted(job, List.of(storedMp4), List.of())));

        then(objects).should().deleteSource("j1");
    }

    @Test
    void storesNothingForAnUnknownJob() {
        given(jobs.advance(job, JobState.UPLOADING)).willReturn(false);
        given(jobs.find("j1")).willReturn(Optional.empty());

        assertThat(uploads.upload(encoded)).isInstanceOf(Unwanted.class);
        then(objects).shouldHaveNoInteractions();
    }

    @Test
    void removesTheRenditionsOfAJobThatEndedMeanwhileAndAnnouncesNothing() {
        given(jobs.complete(eq(job), anyList(), anyList())).willReturn(Optional.empty());
        given(jobs.find("j1")).willReturn(Optional.of(record(JobState.FAILED, List.of())));

        UploadResult result = uploads.upload(encoded);

        assertThat(result).isInstanceOf(Unwanted.class);
        then(objects).should().deleteRendition("j1", "mp4");
        then(objects).should().deleteRendition("j1", "hls");
        then(objects).should(never()).deleteSource(any());
    }

    @Test
    void removesWhatItStoredForAJobCancelledMeanwhileButNotTheRenditionsOfEarlierAttempts() {
        JobTicket retry = new JobTicket("j1", job.owner(), job.email(), List.of("hls"), job.sourceName(), 2);
        given(jobs.advance(retry, JobState.UPLOADING)).willReturn(true);
        given(jobs.complete(eq(retry), anyList(), anyList())).willReturn(Optional.empty());
        given(jobs.find("j1")).willReturn(Optional.of(record(JobState.CANCELLED, List.of(storedMp4))));

        UploadResult result = uploads.upload(new EncodingCompleted(retry, List.of(encoded.renditions().get(1)), List.of()));

        assertThat(result).isInstanceOf(Unwanted.class);
        then(objects).should().deleteRendition("j1", "hls");
        then(objects).should(never()).deleteRendition("j1", "mp4");
        then(objects).should(never()).deleteOutputs(any());
    }

    @Test
    void keepsTheRenditionsOfAJobAnotherDeliveryCompletedMeanwhile() {
        given(jobs.complete(eq(job), anyList(), anyList())).willReturn(Optional.empty());
        given(jobs.find("j1")).willReturn(Optional.of(record(JobState.COMPLETED, List.of(storedMp4, storedHls))));

        UploadResult result = uploads.upload(encoded);

        assertThat(result).isEqualTo(new UploadedBefore(new UploadCompleted(job, List.of(storedMp4, storedHls), List.of())));
        then(objects).should(never()).deleteOutputs(any());
        then(objects).should(never()).deleteRendition(any(), any());
    }

    @Test
    void completesTheJobWithTheFormatsThatFailedAndAnnouncesEveryRendition() {
        FormatFailure webm = new FormatFailure("webm", FailureCode.ENCODER_ERROR, "ffmpeg failed on webm");
        EncodingCompleted partial = new EncodingCompleted(job, encoded.renditions(), List.of(webm));
        given(jobs.complete(job, List.of(storedMp4, storedHls), List.of(webm)))
                .willReturn(Optional.of(List.of(storedMp4, storedHls)));

        UploadResult result = uploads.upload(partial);

        assertThat(result).isEqualTo(new Uploaded(new UploadCompleted(job, List.of(storedMp4, storedHls), List.of(webm))));
    }

    @Test
    void announcesTheRenditionsOfEarlierAttemptsWithThoseOfARetry() {
        JobTicket retry = new JobTicket("j1", job.owner(), job.email(), List.of("hls"), job.sourceName(), 2);
        EncodingCompleted again = new EncodingCompleted(retry, List.of(encoded.renditions().get(1)), List.of());
        given(jobs.advance(retry, JobState.UPLOADING)).willReturn(true);
        given(jobs.complete(retry, List.of(storedHls), List.of())).willReturn(Optional.of(List.of(storedMp4, storedHls)));

        UploadResult result = uploads.upload(again);

        assertThat(result).isEqualTo(new Uploaded(new UploadCompleted(retry, List.of(storedMp4, storedHls), List.of())));
        then(objects).should().putAll(List.of(
                new ObjectFile("outputs/j1/hls/master.m3u8", workVolume.outputDirectory("j1", "hls").resolve("master.m3u8"),
                        HLS, "master.m3u8"),
                new ObjectFile("outputs/j1/hls/720p/seg_000.m4s",
                        workVolume.outputDirectory("j1", "hls").resolve("720p/seg_000.m4s"), "video/iso.segment",
                        "seg_000.m4s")));
    }

    @Test
    void completesARetryThatMadeNothingWithTheRenditionsOfEarlierAttempts() {
        JobTicket retry = new JobTicket("j1", job.owner(), job.email(), List.of("hls"), job.sourceName(), 2);
        FormatFailure hls = new FormatFailure("hls", FailureCode.ENCODER_TIMEOUT, "hls took too long");
        given(jobs.advance(retry, JobState.UPLOADING)).willReturn(true);
        given(jobs.find("j1")).willReturn(Optional.of(record(JobState.UPLOADING, List.of(storedMp4))));
        given(jobs.complete(retry, List.of(), List.of(hls))).willReturn(Optional.of(List.of(storedMp4)));

        UploadResult result = uploads.upload(new EncodingCompleted(retry, List.of(), List.of(hls)));

        assertThat(result).isEqualTo(new Uploaded(new UploadCompleted(retry, List.of(storedMp4), List.of(hls))));
    }

    @Test
    void failsARetryThatMadeNothingOfAJobThatHasNoRenditionWithTheFirstFailure() {
        JobTicket retry = new JobTicket("j1", job.owner(), job.email(), List.of("mp4", "hls"), job.sourceName(), 2);
        List<FormatFailure> failures = List.of(
                new FormatFailure("mp4", FailureCode.ENCODER_TIMEOUT, "mp4 took too long"),
                new FormatFailure("hls", FailureCode.ENCODER_ERROR, "ffmpeg failed on hls"));
        given(jobs.advance(retry, JobState.UPLOADING)).willReturn(true);
        given(jobs.find("j1")).willReturn(Optional.of(record(JobState.UPLOADING, List.of())));

        UploadResult result = uploads.upload(new EncodingCompleted(retry, List.of(), failures));

        assertThat(result).isEqualTo(new Rejected(FailureCode.ENCODER_TIMEOUT, "mp4 took too long"));
        then(jobs).should(never()).complete(any(), anyList(), anyList());
        then(objects).shouldHaveNoInteractions();
    }

    private JobRecord record(JobState state, List<StoredRendition> outputs) {
        return new JobRecord("j1", job.owner(), state, null, job.email(), job.formats(), job.sourceName(), 0,
                Map.of(), outputs, List.of(), 1, null, Instant.EPOCH, Instant.EPOCH, null, true, null,
                JobPhase.valueOf(state.name()), null, null);
    }

    private void write(String format, String path) throws Exception {
        Path file = workVolume.outputDirectory("j1", format).resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "x");
    }
}
