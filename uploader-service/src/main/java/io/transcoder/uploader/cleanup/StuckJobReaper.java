package io.transcoder.uploader.cleanup;

import io.transcoder.TranscoderProperties;
import io.transcoder.jobs.FailureCode;
import io.transcoder.jobs.JobRecord;
import io.transcoder.jobs.JobState;
import io.transcoder.jobs.JobStore;
import io.transcoder.messaging.JobStages;
import io.transcoder.messaging.Subscription;
import io.transcoder.messaging.Topology;
import io.transcoder.uploader.UploaderProperties;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.QueueInformation;
import org.springframework.stereotype.Component;

/**
 * Ends jobs that have stopped moving: unfinished, and unchanged for {@code uploader.stuck-after}. A message that
 * crashed its consumer until RabbitMQ parked it, or one lost with a broker, leaves its job in the middle of the
 * pipeline; this fails it, with a failure email, rather than letting it expire silently. Also announces failures
 * whose announcement was lost.
 *
 * <p>It is the last safety net only: a parked message fails its job at once ({@link ParkedJobsListener}), and an
 * outage waits in the retry queues. A job waiting its turn behind others is not stuck: a job is not reaped while the
 * queue it waits in holds messages, and it is failed only if it is still unchanged at that moment, so one that starts
 * moving is left alone. Nor is a job waiting out an outage: each of its attempts records why it waits, which changes
 * it, and attempts are never further apart than the longest retry delay, which {@code uploader.stuck-after} must
 * exceed (twice over, or the service does not start).
 */
@Component
class StuckJobReaper {

    static final String REASON = "The job stopped making progress, so it was given up. Please upload the video again.";

    private static final Logger log = LoggerFactory.getLogger(StuckJobReaper.class);

    private final JobStore jobs;
    private final JobStages stages;
    private final AmqpAdmin admin;
    private final Topology topology;
    private final UploaderProperties properties;

    StuckJobReaper(JobStore jobs, JobStages stages, AmqpAdmin admin, Topology topology, UploaderProperties properties,
            TranscoderProperties transcoder) {
        Duration longestDelay = Collections.max(transcoder.retry().delays());
        if (properties.stuckAfter().compareTo(longestDelay.multipliedBy(2)) <= 0) {
            throw new IllegalStateException("uploader.stuck-after (" + properties.stuckAfter() + ") must be more than "
                    + "twice the longest of transcoder.retry.delays (" + longestDelay + "), or jobs waiting out an "
                    + "outage would be given up as stuck");
        }
        this.jobs = jobs;
        this.stages = stages;
        this.admin = admin;
        this.topology = topology;
        this.properties = properties;
    }

    List<String> reap() {
        return reap(Instant.now().minus(properties.stuckAfter()));
    }

    /** Fails the unfinished jobs unchanged since {@code cutoff} and answers their ids. */
    List<String> reap(Instant cutoff) {
        Map<Subscription, Boolean> backlog = new EnumMap<>(Subscription.class);
        List<String> reaped = new ArrayList<>();
        for (String jobId : jobs.jobIds()) {
            try {
                jobs.find(jobId).filter(job -> job.updatedAt().isBefore(cutoff)).ifPresent(job -> {
                    if (job.state() == JobState.FAILED) {
                        stages.announcePendingFailure(job.ticket());
                    } else if (!job.state().isTerminal() && !waitsBehindOthers(job, backlog) && fail(job)) {
                        reaped.add(jobId);
                    }
                });
            } catch (RuntimeException e) {
                log.error("Could not check job {} for being stuck", jobId, e);
            }
        }
        if (!reaped.isEmpty()) {
            log.warn("Failed jobs that had stopped making progress: {}", reaped);
        }
        return reaped;
    }

    private boolean fail(JobRecord job) {
        return stages.failIfUnchangedSince(job.ticket(), job.updatedAt(), FailureCode.STAGE_ERROR, REASON);
    }

    private boolean waitsBehindOthers(JobRecord job, Map<Subscription, Boolean> backlog) {
        return Subscription.awaiting(job.state())
                .map(queue -> backlog.computeIfAbsent(queue, this::hasMessages))
                .orElse(false);
    }

    private boolean hasMessages(Subscription subscription) {
        QueueInformation queue = admin.getQueueInfo(topology.queue(subscription));
        return queue != null && queue.getMessageCount() > 0;
    }
}
