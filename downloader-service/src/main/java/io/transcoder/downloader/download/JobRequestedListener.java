package io.transcoder.downloader.download;

import io.transcoder.downloader.space.SpaceGate;
import io.transcoder.jobs.JobState;
import io.transcoder.jobs.JobStore;
import io.transcoder.messages.JobRequested;
import io.transcoder.messaging.EventPublisher;
import io.transcoder.messaging.JobStages;
import io.transcoder.messaging.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;

/**
 * Consumes {@link JobRequested}; publishes {@code SourceDownloaded} once the source is in the work volume. A job
 * whose source does not fit in the volume's free space stays QUEUED and goes back to the end of the queue.
 */
@Component
class JobRequestedListener {

    static final String ID = "downloader.job-requested";
    static final String WAITING_FOR_ROOM = "The service's work space is full; your video waits for room to be processed.";

    private static final Logger log = LoggerFactory.getLogger(JobRequestedListener.class);

    private final SpaceGate gate;
    private final JobStages stages;
    private final SourceDownloads downloads;
    private final EventPublisher publisher;
    private final JobStore jobs;

    JobRequestedListener(SpaceGate gate, JobStages stages, SourceDownloads downloads, EventPublisher publisher,
            JobStore jobs) {
        this.gate = gate;
        this.stages = stages;
        this.downloads = downloads;
        this.publisher = publisher;
        this.jobs = jobs;
    }

    @RabbitListener(id = ID, queues = "#{@topology.queue('downloader.job-requested')}")
    void on(JobRequested event) {
        boolean taken = gate.runIfRoom(event.jobId(), () -> downloads.sourceSize(event), () -> {
            log.info("Downloading the source of job {}", event.jobId());
            stages.run(event, JobState.DOWNLOADING, downloads::download);
        });
        if (!taken) {
            // a new message at the end of the queue, not a requeue, which would count toward the delivery limit
            log.info("Job {} waits for room in the work volume; back in its queue", event.jobId());
            jobs.recordWaiting(event.jobId(), WAITING_FOR_ROOM);
            publisher.sendBack(event, Subscription.DOWNLOADER_JOB_REQUESTED);
        }
    }
}
