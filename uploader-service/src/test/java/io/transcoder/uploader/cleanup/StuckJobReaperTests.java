package io.transcoder.uploader.cleanup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

import io.transcoder.TranscoderProperties;
import io.transcoder.jobs.FailureCode;
import io.transcoder.jobs.JobRecord;
import io.transcoder.jobs.JobState;
import io.transcoder.jobs.JobStore;
import io.transcoder.messages.JobFailed;
import io.transcoder.messages.JobRequested;
import io.transcoder.messages.JobTicket;
import io.transcoder.messaging.Topology;
import io.transcoder.test.EventCapture;
import io.transcoder.test.TranscoderTest;
import io.transcoder.uploader.UploaderProperties;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;

@TranscoderTest
class StuckJobReaperTests {

    @Autowired
    StuckJobReaper reaper;

    @Autowired
    JobStore jobs;

    @Autowired
    AmqpAdmin admin;

    @Autowired
    RabbitTemplate rabbit;

    @Autowired
    Topology topology;

    @Test
    void failsUnfinishedJobsThatStoppedChangingAndTellsTheirOwners() {
        JobTicket stuck = job(JobState.ENCODING);
        JobTicket ended = job(JobState.FAILED);
        JobRecord lastStuck = jobs.find(ended.jobId()).orElseThrow();
        JobTicket moving = job(JobState.DOWNLOADING);

        try (EventCapture failed = EventCapture.of(admin, rabbit, topology.exchange(), "job.failed.v1")) {
            List<String> reaped = reaper.reap(lastStuck.updatedAt());

            assertThat(reaped).contains(stuck.jobId()).doesNotContain(ended.jobId(), moving.jobId());
            JobFailed event = failed.next(JobFailed.class, mine -> mine.jobId().equals(stuck.jobId()),
                    Duration.ofSeconds(10));
            assertThat(event).isEqualTo(new JobFailed(stuck, JobState.ENCODING, FailureCode.STAGE_ERROR, StuckJobReaper.REASON));
        }
        assertThat(jobs.state(stuck.jobId())).contains(JobState.FAILED);
        assertThat(jobs.state(moving.jobId())).contains(JobState.DOWNLOADING);
    }

    @Test
    void leavesAJobWaitingBehindOthersAlone() {
        JobTicket waiting = job(JobState.QUEUED);
        JobRecord seen = jobs.find(waiting.jobId()).orElseThrow();
        String queue = topology.queue("downloader.job-requested");
        rabbit.convertAndSend(topology.exchange(), "job.requested.v1", new JobRequested(waiting, "k"));
        await().atMost(Duration.ofSeconds(10)).until(() -> admin.getQueueInfo(queue).getMessageCount() > 0);

        try {
            assertThat(reaper.reap(seen.updatedAt().plusMillis(1))).doesNotContain(waiting.jobId());
            assertThat(jobs.state(waiting.jobId())).contains(JobState.QUEUED);
        } finally {
            admin.purgeQueue(queue, false);
        }
    }

    @Test
    void leavesAJobWaitingOutAnOutageAlone() {
        JobTicket waiting = job(JobState.UPLOADING);
        JobRecord seen = jobs.find(waiting.jobId()).orElseThrow();
        // each attempt that meets the outage says so again, which changes the job
        await().atMost(Duration.ofSeconds(5)).until(() -> {
            jobs.recordWaiting(waiting.jobId(), "Storage is unreachable; the next attempt is at 10:00:05Z.");
            return jobs.find(waiting.jobId()).orElseThrow().updatedAt().isAfter(seen.updatedAt());
        });

        assertThat(reaper.reap(seen.updatedAt().plusNanos(1000))).doesNotContain(waiting.jobId());
        assertThat(jobs.state(waiting.jobId())).contains(JobState.UPLOADING);
    }

    @Test
    void refusesToStartWithAStuckAfterThatAJobWaitingOutAnOutageWouldOutlast() {
        UploaderProperties uploader = new UploaderProperties(Duration.ofMinutes(15), Duration.ofHours(6),
                Duration.ofMinutes(90), 8);
        TranscoderProperties.Retry retry = new TranscoderProperties.Retry(
                List.of(Duration.ofSeconds(5), Duration.ofHours(1)), Map.of());
        TranscoderProperties transcoder = new TranscoderProperties("t", Path.of("work"), Duration.ofDays(7), 5,
                Duration.ofSeconds(10), Map.of(), retry);

        assertThatIllegalStateException()
                .isThrownBy(() -> new StuckJobReaper(jobs, null, admin, topology, uploader, transcoder))
                .withMessageContaining("uploader.stuck-after");
    }

    @Test
    void announcesAFailureWhoseAnnouncementWasLost() {
        JobTicket job = job(JobState.ENCODING);
        jobs.fail(job.jobId(), FailureCode.INPUT_NOT_VIDEO, "not a video");
        JobRecord failed = jobs.find(job.jobId()).orElseThrow();

        try (EventCapture announced = EventCapture.of(admin, rabbit, topology.exchange(), "job.failed.v1")) {
            reaper.reap(failed.updatedAt().plusMillis(1));

            JobFailed event = announced.next(JobFailed.class, mine -> mine.jobId().equals(job.jobId()),
                    Duration.ofSeconds(10));
            assertThat(event).isEqualTo(new JobFailed(job, JobState.ENCODING, FailureCode.INPUT_NOT_VIDEO, "not a video"));
        }
        assertThat(jobs.find(job.jobId()).orElseThrow().failureAnnounced()).isTrue();
    }

    private JobTicket job(JobState state) {
        JobTicket job = new JobTicket(UUID.randomUUID().toString(), "owner-a", "a@example.com", List.of("mp4"), "clip.mp4");
        jobs.create(job);
        if (state == JobState.FAILED) {
            jobs.fail(job.jobId(), FailureCode.INPUT_NOT_VIDEO, "test");
        } else {
            jobs.advance(job, state);
        }
        return job;
    }
}
