package io.transcoder.uploader.cleanup;

import io.transcoder.jobs.FailureCode;
import io.transcoder.jobs.JobRecord;
import io.transcoder.jobs.JobStore;
import io.transcoder.messages.JobTicket;
import io.transcoder.messaging.JobStages;
import io.transcoder.uploader.UploaderProperties;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Fails jobs that have stopped moving: unfinished, and unchanged for {@code uploader.stuck-after}. A message that
 * crashed its consumer until RabbitMQ parked it, or one lost with a broker, leaves its job in the middle of the
 * pipeline; this ends it, with a failure email, rather than letting it expire silently.
 */
@Component
class StuckJobReaper {

    static final String REASON = "The job stopped making progress, so it was given up. Please upload the video again.";

    private static final Logger log = LoggerFactory.getLogger(StuckJobReaper.class);

    private final JobStore jobs;
    private final JobStages stages;
    private final UploaderProperties properties;

    StuckJobReaper(JobStore jobs, JobStages stages, UploaderProperties properties) {
        this.jobs = jobs;
        this.stages = stages;
        this.properties = properties;
    }

    List<String> reap() {
        return reap(Instant.now().minus(properties.stuckAfter()));
    }

    /** Fails the unfinished jobs unchanged since {@code cutoff} and answers their ids. */
    List<String> reap(Instant cutoff) {
        List<String> reaped = jobs.jobIds().stream()
                .map(jobs::find)
                .flatMap(Optional::stream)
                .filter(job -> !job.state().isTerminal() && job.updatedAt().isBefore(cutoff))
                .map(this::fail)
                .toList();
        if (!reaped.isEmpty()) {
            log.warn("Failed jobs that had stopped making progress: {}", reaped);
        }
        return reaped;
    }

    private String fail(JobRecord job) {
        stages.fail(new JobTicket(job.id(), job.email(), job.formats(), job.sourceName()), FailureCode.STAGE_ERROR, REASON);
        return job.id();
    }
}
