package io.transcoder.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;

import io.transcoder.jobs.JobPhase;
import io.transcoder.jobs.FailureCode;
import io.transcoder.jobs.JobFailureException;
import io.transcoder.jobs.JobRecord;
import io.transcoder.jobs.JobState;
import io.transcoder.jobs.JobStore;
import io.transcoder.messages.JobFailed;
import io.transcoder.messages.JobRequested;
import io.transcoder.messages.JobTicket;
import io.transcoder.messages.SourceDownloaded;
import io.transcoder.work.WorkVolume;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

class JobStagesTests {

    private final JobStore jobs = mock(JobStore.class);
    private final EventPublisher publisher = mock(EventPublisher.class);
    private final WorkVolume workVolume = mock(WorkVolume.class);
    private final JobStages stages = new JobStages(jobs, publisher, workVolume);

    private final JobTicket job = new JobTicket("j1", "owner-a", "a@example.com", List.of("mp4"), "clip.mp4");
    private final JobRequested requested = new JobRequested(job, "sources/j1/clip.mp4");
    private final SourceDownloaded downloaded = new SourceDownloaded(job, "j1/source", 10);

    @Test
    void publishesWhatTheWorkReturns() {
        given(jobs.advance(job, JobState.DOWNLOADING)).willReturn(true);

        Optional<SourceDownloaded> next = stages.run(requested, JobState.DOWNLOADING, event -> downloaded);

        assertThat(next).contains(downloaded);
        then(publisher).should().publish(downloaded);
    }

    @Test
    void dropsAMessageForAJobThatHasMovedOn() {
        given(jobs.advance(job, JobState.DOWNLOADING)).willReturn(false);

        Optional<SourceDownloaded> next = stages.run(requested, JobState.DOWNLOADING, event -> {
            throw new AssertionError("the work must not run");
        });

        assertThat(next).isEmpty();
        then(publisher).shouldHaveNoInteractions();
    }

    @Test
    void recordsTheFailureThenCleansAndAnnouncesIt() {
        given(jobs.advance(job, JobState.ENCODING)).willReturn(true);
        given(jobs.fail("j1", FailureCode.INPUT_NOT_VIDEO, "not a video")).willReturn(Optional.of(JobState.ENCODING));

        Optional<SourceDownloaded> next = stages.run(requested, JobState.ENCODING, event -> {
            throw new JobFailureException(FailureCode.INPUT_NOT_VIDEO, "not a video");
        });

        assertThat(next).isEmpty();
        InOrder order = inOrder(jobs, workVolume, publisher);
        order.verify(jobs).fail("j1", FailureCode.INPUT_NOT_VIDEO, "not a video");
        order.verify(workVolume).delete("j1");
        order.verify(publisher).publish(new JobFailed(job, JobState.ENCODING, FailureCode.INPUT_NOT_VIDEO, "not a video"));
        order.verify(jobs).markFailureAnnounced("j1");
    }

    @Test
    void announcesAFailureWhoseAnnouncementWasLostWhenTheMessageComesBack() {
        given(jobs.advance(job, JobState.ENCODING)).willReturn(false);
        given(jobs.find("j1")).willReturn(Optional.of(failed(false)));

        stages.run(requested, JobState.ENCODING, event -> downloaded);

        then(publisher).should().publish(new JobFailed(job, JobState.ENCODING, FailureCode.INPUT_NOT_VIDEO, "not a video"));
        then(jobs).should().markFailureAnnounced("j1");
    }

    @Test
    void neitherFailsNorAnnouncesAgainAJobThatHasEnded() {
        given(jobs.fail("j1", FailureCode.STAGE_ERROR, "boom")).willReturn(Optional.empty());
        given(jobs.find("j1")).willReturn(Optional.of(failed(true)));

        stages.fail(job, FailureCode.STAGE_ERROR, "boom");

        then(publisher).should(never()).publish(any());
        then(workVolume).should(never()).delete(any());
    }

    private JobRecord failed(boolean announced) {
        Instant at = Instant.parse("2026-11-28T10:00:00Z");
        return new JobRecord("j1", job.owner(), JobState.FAILED, JobState.ENCODING, job.email(), job.formats(), job.sourceName(), 0,
                Map.of(), List.of(), List.of(), 1, new JobRecord.JobError("INPUT_NOT_VIDEO", "not a video"), at, at, null, announced, null,
                JobPhase.FAILED, null, null);
    }
}
