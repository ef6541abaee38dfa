package io.transcoder.uploader.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;

import io.transcoder.jobs.JobStore;
import io.transcoder.messages.EncodedRendition;
import io.transcoder.messages.RenditionFile;
import io.transcoder.messages.RenditionKind;
import io.transcoder.messages.EncodingCompleted;
import io.transcoder.messages.JobTicket;
import io.transcoder.messages.StoredRendition;
import io.transcoder.messages.UploadCompleted;
import io.transcoder.uploader.storage.JobObjects;
import io.transcoder.work.WorkVolume;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.InOrder;

class OutputUploadsTests {

    @TempDir
    Path root;

    private final JobObjects objects = mock(JobObjects.class);
    private final JobStore jobs = mock(JobStore.class);
    private final JobTicket job = new JobTicket("j1", "owner-a", "a@example.com", List.of("mp4"), "clip.mov");
    private EncodingCompleted encoded;
    private OutputUploads uploads;

    @BeforeEach
    void renditionInTheWorkVolume() throws Exception {
        WorkVolume workVolume = new WorkVolume(root);
        Path file = workVolume.outputDirectory("j1", "mp4").resolve("clip.mp4");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "video");
        encoded = new EncodingCompleted(job, List.of(new EncodedRendition("mp4", RenditionKind.VIDEO, "j1/out/mp4",
                "clip.mp4", List.of(new RenditionFile("clip.mp4", 5, "video/mp4")))));
        uploads = new OutputUploads(objects, workVolume, jobs);
        given(objects.put(anyString(), any(), anyString(), anyString())).willReturn(5L);
    }

    @Test
    void storesTheRenditionsThenCompletesTheJobBeforeAnyoneIsTold() {
        given(jobs.complete(eq("j1"), anyList())).willReturn(true);

        UploadCompleted done = uploads.upload(encoded);

        StoredRendition stored = new StoredRendition("mp4", RenditionKind.VIDEO, "outputs/j1/mp4/", "clip.mp4",
                List.of(new RenditionFile("clip.mp4", 5, "video/mp4")));
        assertThat(done).isEqualTo(new UploadCompleted(job, List.of(stored)));
        InOrder order = inOrder(objects, jobs);
        order.verify(objects).put(eq("outputs/j1/mp4/clip.mp4"), any(), eq("video/mp4"), eq("clip.mp4"));
        order.verify(jobs).complete("j1", List.of(stored));
    }

    @Test
    void removesTheRenditionsOfAJobThatEndedMeanwhileAndTellsNobody() {
        given(jobs.complete(eq("j1"), anyList())).willReturn(false);

        assertThatExceptionOfType(UploadException.class).isThrownBy(() -> uploads.upload(encoded));

        then(objects).should().deleteOutputs("j1");
        then(objects).should(never()).deleteSource(any());
    }
}
