package io.transcoder.uploader.cleanup;

import io.transcoder.messages.JobFailed;
import io.transcoder.uploader.storage.JobObjects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;

/**
 * A failed job keeps in storage only what a retry would use: a job failed for its input ({@code !retryable()})
 * loses its source and every rendition; any other keeps its source and the renditions of its earlier attempts, and
 * loses only what the failed attempt stored of its own formats. The source sweep takes the rest once the job expires.
 */
@Component
class JobFailedListener {

    private static final Logger log = LoggerFactory.getLogger(JobFailedListener.class);

    private final JobObjects objects;

    JobFailedListener(JobObjects objects) {
        this.objects = objects;
    }

    @RabbitListener(queues = "#{@topology.queue('uploader.job-failed')}")
    void on(JobFailed event) {
        if (event.code().retryable()) {
            log.info("Removing what attempt {} of failed job {} stored; keeping its source for a retry",
                    event.job().attempt(), event.jobId());
            event.job().formats().forEach(format -> objects.deleteRendition(event.jobId(), format));
            return;
        }
        log.info("Removing the stored files of job {}, failed for its input ({})", event.jobId(), event.code());
        objects.deleteSource(event.jobId());
        objects.deleteOutputs(event.jobId());
    }
}
