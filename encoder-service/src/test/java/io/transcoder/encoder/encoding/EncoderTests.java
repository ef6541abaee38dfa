package io.transcoder.encoder.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;

import io.transcoder.TranscoderProperties;
import io.transcoder.jobs.FailureCode;
import io.transcoder.jobs.JobStore;
import io.transcoder.formats.Format;
import io.transcoder.formats.Progressive;
import io.transcoder.messages.EncodedRendition;
import io.transcoder.messages.FormatFailure;
import io.transcoder.messages.RenditionFile;
import io.transcoder.messages.RenditionKind;
import io.transcoder.messages.EncodingCompleted;
import io.transcoder.messages.JobTicket;
import io.transcoder.messages.SourceDownloaded;
import io.transcoder.work.WorkVolume;
import io.transcoder.test.TestClips;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.InOrder;

class EncoderTests {

    private static final String JOB = "job-1";
    private static final Map<String, String> MEDIA_TYPES = Map.of("m3u8", "application/vnd.apple.mpegurl",
            "mp4", "video/mp4", "m4s", "video/iso.segment", "jpg", "image/jpeg", "vtt", "text/vtt");

    @TempDir
    Path root;

    private WorkVolume workVolume;
    private final JobStore jobs = mock(JobStore.class);

    @BeforeEach
    void placeSource() {
        workVolume = new WorkVolume(root);
        TestClips.video(workVolume.source(JOB));
    }

    @Test
    void encodesEachFormatInTheOrderAskedNamedAfterTheUpload() throws Exception {
        EncodingCompleted completed = encoder().encode(downloaded(List.of("webm", "mp4"), "My Holiday.MOV"));

        assertThat(completed.renditions())
                .extracting(EncodedRendition::format, EncodedRendition::directory, EncodedRendition::entry)
                .containsExactly(
                        tuple("webm", JOB + "/out/webm", "my_holiday.webm"),
                        tuple("mp4", JOB + "/out/mp4", "my_holiday.mp4"));
        for (EncodedRendition rendition : completed.renditions()) {
            assertThat(rendition.files()).singleElement().satisfies(file -> assertThat(file.size()).isPositive()
                    .isEqualTo(Files.size(workVolume.resolve(rendition.directory()).resolve(file.path()))));
        }
        assertThat(completed.renditions().get(0).files().get(0).mediaType()).isEqualTo("video/webm");
        assertThat(workVolume.jobDirectory(JOB).resolve("out")).as("no partial folder left")
                .isDirectoryNotContaining(path -> path.getFileName().toString().endsWith(".part"));
        InOrder progress = inOrder(jobs);
        then(jobs).should(progress).recordProgress(eq(JOB), eq("webm"), eq(100), eq(45), any());
        then(jobs).should(progress).recordProgress(eq(JOB), eq("mp4"), eq(100), eq(90), any());
    }

    @Test
    void listsEveryFileOfEachRenditionWithItsSizeAndMediaType() throws Exception {
        EncodingCompleted completed = encoder().encode(downloaded(List.of("hls", "thumbnail", "storyboard"), "clip.mp4"));

        assertThat(completed.renditions())
                .extracting(EncodedRendition::format, EncodedRendition::kind, EncodedRendition::entry)
                .containsExactly(
                        tuple("hls", RenditionKind.STREAM, "master.m3u8"),
                        tuple("thumbnail", RenditionKind.IMAGE, "poster.jpg"),
                        tuple("storyboard", RenditionKind.IMAGE, "storyboard.vtt"));
        for (EncodedRendition rendition : completed.renditions()) {
            Path directory = workVolume.resolve(rendition.directory());
            try (Stream<Path> onDisk = Files.walk(directory)) {
                assertThat(rendition.files()).extracting(RenditionFile::path).as(rendition.format())
                        .containsExactlyInAnyOrderElementsOf(onDisk.filter(Files::isRegularFile)
                                .map(file -> directory.relativize(file).toString()).toList());
            }
            for (RenditionFile file : rendition.files()) {
                assertThat(file.size()).isPositive().isEqualTo(Files.size(directory.resolve(file.path())));
                assertThat(file.mediaType()).as(file.path()).isEqualTo(MEDIA_TYPES.get(
                        file.path().substring(file.path().lastIndexOf('.') + 1)));
            }
        }
        assertThat(completed.renditions().get(0).files()).extracting(RenditionFile::path)
                .containsExactly("master.m3u8", "240p/index.m3u8", "240p/init.mp4", "240p/seg_000.m4s");
        // the 240p ladder costs ten times the thumbnail and ten times the storyboard
        InOrder progress = inOrder(jobs);
        then(jobs).should(progress).recordProgress(eq(JOB), eq("hls"), eq(100), eq(75), any());
        then(jobs).should(progress).recordProgress(eq(JOB), eq("thumbnail"), eq(100), eq(82), any());
        then(jobs).should(progress).recordProgress(eq(JOB), eq("storyboard"), eq(100), eq(90), any());
    }

    @Test
    void passesOnARenditionAnEarlierAttemptCompleted() throws Exception {
        Path earlier = workVolume.outputDirectory(JOB, "mp4").resolve("clip.mp4");
        TestClips.write(earlier, "done");

        EncodingCompleted completed = encoder().encode(downloaded(List.of("mp4"), "clip.mp4"));

        assertThat(completed.renditions()).containsExactly(new EncodedRendition("mp4", RenditionKind.VIDEO,
                JOB + "/out/mp4", "clip.mp4", List.of(new RenditionFile("clip.mp4", 4, "video/mp4"))));
        assertThat(earlier).hasContent("done");
        then(jobs).should().recordProgress(eq(JOB), eq("mp4"), eq(100), eq(90), any());
    }

    @Test
    void completesWithTheFormatsThatSucceededAndTheOneThatFailed() throws Exception {
        EncodingCompleted completed = encoder().encode(downloaded(List.of("broken", "mp4"), "clip.mp4"));

        assertThat(completed.renditions()).extracting(EncodedRendition::format).containsExactly("mp4");
        assertThat(completed.failures()).containsExactly(new FormatFailure("broken", FailureCode.ENCODER_ERROR,
                "We could not encode your video as BROKEN. The file may be damaged or use an unusual codec."));
        assertThat(workVolume.outputDirectory(JOB, "broken")).doesNotExist();
        assertThat(workVolume.jobDirectory(JOB).resolve("out")).as("no partial folder left")
                .isDirectoryNotContaining(path -> path.getFileName().toString().endsWith(".part"));
        // the failed format counts as done: progress still ends at 90
        then(jobs).should().recordProgress(eq(JOB), eq("mp4"), eq(100), eq(90), any());
    }

    @Test
    void failsTheJobWithTheFirstFailureWhenEveryFormatOfItsFirstAttemptFailed() {
        // mp4 fails too, as larger than a kilobyte
        assertThatThrownBy(() -> encoder("max-output-size=1KB").encode(downloaded(List.of("broken", "mp4"),
                        "clip.mp4")))
                .isInstanceOf(EncodingException.class)
                .hasMessageContaining("BROKEN")
                .extracting("code").isEqualTo(FailureCode.ENCODER_ERROR);
    }

    @Test
    void completesARetryWhoseEveryFormatFailed() {
        EncodingCompleted completed = encoder().encode(downloaded(List.of("broken"), "clip.mp4", 2));

        assertThat(completed.renditions()).isEmpty();
        assertThat(completed.failures()).extracting(FormatFailure::format, FormatFailure::code)
                .containsExactly(tuple("broken", FailureCode.ENCODER_ERROR));
    }

    @Test
    void publishesNothingOnceTheLeaseIsLost() {
        EncodeGuard leaseLost = new EncodeGuard(JOB, () -> false);

        assertThatThrownBy(() -> encoder().encode(downloaded(List.of("mp4"), "clip.mp4"), leaseLost))
                .isInstanceOfSatisfying(EncodeStopped.class,
                        stopped -> assertThat(stopped.reason()).isEqualTo(EncodeStopped.Reason.LEASE_LOST));
        assertThat(workVolume.jobDirectory(JOB).resolve("out")).as("nothing published, no partial folder left")
                .isEmptyDirectory();
    }

    @Test
    void failsAJobAskingForAFormatOutsideTheCatalogue() {
        assertThatThrownBy(() -> encoder().encode(downloaded(List.of("mp4", "avi"), "clip.mp4")))
                .isInstanceOf(EncodingException.class)
                .hasMessageContaining("'avi'")
                .extracting("code").isEqualTo(FailureCode.ENCODER_ERROR);
        then(jobs).should(never()).recordProgress(anyString(), anyString(), anyInt(), anyInt(), any());
    }

    @Test
    void refusesASourceWithoutVideo() {
        TestClips.audio(workVolume.source(JOB));

        assertFailsWith(encoder(), FailureCode.INPUT_NOT_VIDEO);
    }

    @Test
    void refusesASourceLongerThanTheLimit() {
        assertThatThrownBy(() -> encoder("max-duration=1s").encode(downloaded(List.of("mp4"), "clip.mp4")))
                .hasMessage("Your video lasts 2 seconds; we encode videos of up to 1 second.")
                .extracting("code").isEqualTo(FailureCode.INPUT_TOO_LONG);
    }

    @Test
    void refusesASourceLargerThanTheLimit() {
        assertThatThrownBy(() -> encoder("max-width=256", "max-height=144")
                        .encode(downloaded(List.of("mp4"), "clip.mp4")))
                .hasMessage("Your video is 320x240 pixels; we encode videos of up to 256x144 pixels.")
                .extracting("code").isEqualTo(FailureCode.INPUT_TOO_LARGE);
    }

    @Test
    void measuresAPortraitSourceTurnedOnItsSide() {
        TestClips.video(workVolume.source(JOB), "mp4", "240x320");

        EncodingCompleted completed = encoder("max-width=320", "max-height=240")
                .encode(downloaded(List.of("mp4"), "portrait.mp4"));

        assertThat(completed.renditions()).hasSize(1);
    }

    @Test
    void refusesASourceWithTooManyStreams() {
        assertFailsWith(encoder("max-streams=1"), FailureCode.INPUT_TOO_LARGE);
    }

    @Test
    void failsAJobWhoseSourceIsNotInTheWorkVolume() throws Exception {
        Files.delete(workVolume.source(JOB));

        assertFailsWith(encoder(), FailureCode.SOURCE_MISSING);
    }

    @Test
    void stopsWhenTheJobsTimeIsUsedUp() {
        assertFailsWith(encoder("job-time-limit=0s"), FailureCode.ENCODER_TIMEOUT);
        assertThat(workVolume.outputDirectory(JOB, "mp4").resolve("clip.mp4")).doesNotExist();
    }

    private void assertFailsWith(Encoder encoder, FailureCode code) {
        assertThatThrownBy(() -> encoder.encode(downloaded(List.of("mp4"), "clip.mp4")))
                .isInstanceOf(EncodingException.class)
                .extracting("code").isEqualTo(code);
    }

    private Encoder encoder(String... properties) {
        var settings = TestSettings.encoder(properties);
        Map<String, Format> catalogue = new HashMap<>(TestSettings.catalogue());
        // an option libx264 refuses: ffmpeg fails to start encoding
        catalogue.put("broken", Format.of("fails", new Progressive("mp4", "mp4", "video/mp4", "libx264", "aac",
                List.of("-profile:v", "nonsense"))));
        var transcoder = TestSettings.transcoder("test", root, catalogue);
        Ffmpeg ffmpeg = new Ffmpeg(settings);
        return new Encoder(ffmpeg, new RenditionEncoders(ffmpeg, settings), workVolume, jobs, transcoder, settings);
    }

    private SourceDownloaded downloaded(List<String> formats, String sourceName) {
        return downloaded(formats, sourceName, 1);
    }

    private SourceDownloaded downloaded(List<String> formats, String sourceName, int attempt) {
        JobTicket job = new JobTicket(JOB, "owner-a", "someone@example.com", formats, sourceName, attempt);
        return new SourceDownloaded(job, workVolume.relativize(workVolume.source(JOB)), 0);
    }
}
