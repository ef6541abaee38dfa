package io.transcoder.uploader.cleanup;

import io.transcoder.messages.JobCancelled;
import io.transcoder.uploader.storage.JobObjects;
import io.transcoder.work.WorkVolume;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;

/**
 * A cancelled job needs nothing any more: its source, its renditions (of every attempt) and its work directory go.
 * A stage still working on it when it was cancelled removes what it writes after this itself, once it finds the job
 * ended.
 */
@Component
class JobCancelledListener {

    private static final Logger log = LoggerFactory.getLogger(JobCancelledListener.class);

    private final JobObjects objects;
    private final WorkVolume workVolume;

    JobCancelledListener(JobObjects objects, WorkVolume workVolume) {
        this.objects = objects;
        this.workVolume = workVolume;
    }

    @RabbitListener(queues = "#{@topology.queue('uploader.job-cancelled')}")
    void on(JobCancelled event) {
        log.info("Removing everything of job {}, cancelled in {}", event.jobId(), event.stage());
        objects.deleteSource(event.jobId());
        objects.deleteOutputs(event.jobId());
        workVolume.delete(event.jobId());
    }
}
