package io.transcoder.encoder.encoding;

import io.transcoder.encoder.EncoderProperties;
import io.transcoder.jobs.JobState;
import io.transcoder.jobs.JobStore;
import io.transcoder.messages.SourceDownloaded;
import io.transcoder.messaging.EventPublisher;
import io.transcoder.messaging.JobStages;
import io.transcoder.messaging.Subscription;
import io.transcoder.work.WorkVolume;
import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.ImmediateRequeueAmqpException;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;

/**
 * Encodes each downloaded source and publishes {@code EncodingCompleted}, or fails the job; one encoder at a time per
 * job ({@link EncodeLeases}). A delivery of a job another encoder holds (a redelivery after the broker's consumer
 * timeout, a duplicate) waits in a retry queue and asks again: by then the holder has finished, and the job moved on
 * so that the message is dropped, or it died, and its lease lapsed so that this message takes over.
 */
@Component
class SourceDownloadedListener {

    static final String BUSY = "Another encoder is working on this job";

    private static final Logger log = LoggerFactory.getLogger(SourceDownloadedListener.class);

    private final JobStages stages;
    private final Encoder encoder;
    private final EncodeLeases leases;
    private final RunningEncodes encodes;
    private final EventPublisher publisher;
    private final JobStore jobs;
    private final WorkVolume workVolume;
    private final Duration busyDelay;

    SourceDownloadedListener(JobStages stages, Encoder encoder, EncodeLeases leases, RunningEncodes encodes,
            EventPublisher publisher, JobStore jobs, WorkVolume workVolume, EncoderProperties properties) {
        this.stages = stages;
        this.encoder = encoder;
        this.leases = leases;
        this.encodes = encodes;
        this.publisher = publisher;
        this.jobs = jobs;
        this.workVolume = workVolume;
        this.busyDelay = properties.leaseBusyDelay();
    }

    @RabbitListener(queues = "#{@topology.queue('encoder.source-downloaded')}")
    void on(SourceDownloaded event) {
        if (encodes.closing()) {
            throw new ImmediateRequeueAmqpException("The encoder is shutting down");
        }
        Optional<EncodeLease> lease = leases.acquire(event.jobId());
        if (lease.isEmpty()) {
            log.info("Job {}: another encoder holds it; asking again in {}", event.jobId(), busyDelay);
            waitForTheHolder(event);
            return;
        }
        log.info("Encoding job {} as {}", event.jobId(), event.job().formats());
        try (EncodeLease held = lease.get()) {
            EncodeGuard guard = encodes.start(held);
            try {
                guard.check();
                stages.run(event, JobState.ENCODING, downloaded -> encoder.encode(downloaded, guard));
            } catch (EncodeStopped e) {
                stopped(event, e.reason());
            } catch (RuntimeException e) {
                // whatever a shutdown broke (an interrupted publish) is no failure of the job
                if (encodes.closing()) {
                    throw handBack(event, e);
                }
                throw e;
            } finally {
                encodes.end(guard);
            }
        }
    }

    private void stopped(SourceDownloaded event, EncodeStopped.Reason reason) {
        switch (reason) {
            case CANCELLED -> {
                log.info("Job {} was cancelled while it encoded; dropping its message", event.jobId());
                // the uploader removes the job's files as well; this encoder leaves none of its own behind
                if (jobs.state(event.jobId()).map(JobState::isTerminal).orElse(true)) {
                    workVolume.delete(event.jobId());
                }
            }
            case SHUTTING_DOWN -> throw handBack(event, null);
            case LEASE_LOST -> waitForTheHolder(event);
        }
    }

    private ImmediateRequeueAmqpException handBack(SourceDownloaded event, @Nullable RuntimeException cause) {
        log.info("Job {}: the encoder is shutting down; handing its message back", event.jobId());
        return cause == null ? new ImmediateRequeueAmqpException("The encoder is shutting down")
                : new ImmediateRequeueAmqpException("The encoder is shutting down", cause);
    }

    private void waitForTheHolder(SourceDownloaded event) {
        try {
            jobs.recordWaiting(event.jobId(), BUSY);
        } catch (RuntimeException e) {
            log.warn("Could not record why job {} waits: {}", event.jobId(), e.getMessage());
        }
        publisher.sendBackLater(event, Subscription.ENCODER_SOURCE_DOWNLOADED, busyDelay);
    }
}
