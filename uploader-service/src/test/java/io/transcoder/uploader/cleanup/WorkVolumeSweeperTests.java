package io.transcoder.uploader.cleanup;

import static org.assertj.core.api.Assertions.assertThat;

import io.transcoder.jobs.FailureCode;
import io.transcoder.jobs.JobState;
import io.transcoder.jobs.JobStore;
import io.transcoder.messages.JobTicket;
import io.transcoder.test.TranscoderTest;
import io.transcoder.work.WorkVolume;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@TranscoderTest(properties = "uploader.sweep-age=1h")
class WorkVolumeSweeperTests {

    @Autowired
    WorkVolumeSweeper sweeper;

    @Autowired
    WorkVolume workVolume;

    @Autowired
    JobStore jobs;

    @Test
    void removesLongUntouchedFilesOfEndedAndVanishedJobsOnly() throws IOException {
        String vanished = leftBehind(UUID.randomUUID().toString(), Duration.ofHours(2));
        String failed = leftBehind(job(JobState.FAILED), Duration.ofHours(2));
        String encoding = leftBehind(job(JobState.ENCODING), Duration.ofHours(2));
        String recent = leftBehind(UUID.randomUUID().toString(), Duration.ofMinutes(10));
        Path foreign = Files.createDirectories(workVolume.root().resolve("lost+found"));

        List<String> swept = sweeper.sweep();

        assertThat(swept).contains(vanished, failed).doesNotContain(encoding, recent);
        assertThat(workVolume.jobDirectory(vanished)).doesNotExist();
        assertThat(workVolume.jobDirectory(failed)).doesNotExist();
        assertThat(workVolume.source(encoding)).exists();
        assertThat(workVolume.source(recent)).exists();
        assertThat(foreign).exists();
        Stream.of(encoding, recent).forEach(workVolume::delete);
    }

    private String job(JobState state) {
        JobTicket job = new JobTicket(UUID.randomUUID().toString(), "owner-a", "a@example.com", List.of("mp4"), "clip.mp4");
        jobs.create(job);
        if (state == JobState.FAILED) {
            jobs.fail(job.jobId(), FailureCode.STAGE_ERROR, "test");
        } else {
            jobs.advance(job, state);
        }
        return job.jobId();
    }

    private String leftBehind(String jobId, Duration age) throws IOException {
        Path source = workVolume.source(jobId);
        Files.createDirectories(source.getParent());
        Files.writeString(source, "video");
        FileTime then = FileTime.from(Instant.now().minus(age));
        for (Path path : List.of(source, source.getParent())) {
            Files.setLastModifiedTime(path, then);
        }
        return jobId;
    }
}
