package io.transcoder.uploader.upload;

import io.transcoder.messages.EncodingCompleted;
import io.transcoder.messaging.EventPublisher;
import io.transcoder.messaging.JobStages;
import io.transcoder.uploader.upload.UploadResult.Rejected;
import io.transcoder.uploader.upload.UploadResult.Unwanted;
import io.transcoder.uploader.upload.UploadResult.Uploaded;
import io.transcoder.uploader.upload.UploadResult.UploadedBefore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;

/**
 * Consumes {@link EncodingCompleted}; publishes {@code UploadCompleted} once the job is COMPLETED with its renditions
 * stored (with the formats that failed, if some did), and again whenever the message comes back after that. A
 * rendition that cannot be stored fails the job; a job that ended otherwise gets nothing. Either way the job's work
 * directory goes, and its source too once the job completed with every format. An outage of storage propagates, so
 * the message waits in a retry queue.
 */
@Component
class EncodingCompletedListener {

    private static final Logger log = LoggerFactory.getLogger(EncodingCompletedListener.class);

    private final OutputUploads uploads;
    private final EventPublisher publisher;
    private final JobStages stages;

    EncodingCompletedListener(OutputUploads uploads, EventPublisher publisher, JobStages stages) {
        this.uploads = uploads;
        this.publisher = publisher;
        this.stages = stages;
    }

    @RabbitListener(queues = "#{@topology.queue('uploader.encoding-completed')}")
    void on(EncodingCompleted event) {
        log.info("Storing the renditions of job {}", event.jobId());
        UploadResult result = uploads.upload(event);
        if (result instanceof Uploaded uploaded) {
            publisher.publish(uploaded.announcement());
        } else if (result instanceof UploadedBefore before) {
            log.info("Job {} was completed before; announcing it again", event.jobId());
            publisher.publish(before.announcement());
        } else if (result instanceof Rejected rejected) {
            log.warn("Job {} failed in UPLOADING: {}", event.jobId(), rejected.reason());
            stages.fail(event.job(), rejected.code(), rejected.reason());
        } else if (result instanceof Unwanted unwanted) {
            log.info("Job {} {}; nothing to announce", event.jobId(), unwanted.why());
            // a failure recorded but not announced yet is announced by whoever meets the job next
            stages.announcePendingFailure(event.job());
        }
        uploads.cleanUp(event.jobId(), result);
    }
}
