package io.transcoder.uploader.cleanup;

import io.transcoder.messages.JobFailed;
import io.transcoder.uploader.storage.JobObjects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;

/** A failed job needs nothing in storage any more: neither its source nor the renditions stored so far. */
@Component
class JobFailedListener {

    private static final Logger log = LoggerFactory.getLogger(JobFailedListener.class);

    private final JobObjects objects;

    JobFailedListener(JobObjects objects) {
        this.objects = objects;
    }

    @RabbitListener(queues = "#{@topology.queue('uploader.job-failed')}")
    void on(JobFailed event) {
        log.info("Removing the stored files of failed job {}", event.jobId());
        objects.deleteSource(event.jobId());
        objects.deleteOutputs(event.jobId());
    }
}
