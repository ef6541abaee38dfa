package io.transcoder.uploader.upload;

import io.transcoder.jobs.JobState;
import io.transcoder.jobs.JobStore;
import io.transcoder.messages.EncodingCompleted;
import io.transcoder.messaging.JobStages;
import io.transcoder.work.WorkVolume;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;

@Component
class EncodingCompletedListener {

    private static final Logger log = LoggerFactory.getLogger(EncodingCompletedListener.class);

    private final JobStages stages;
    private final OutputUploads uploads;
    private final JobStore jobs;
    private final WorkVolume workVolume;

    EncodingCompletedListener(JobStages stages, OutputUploads uploads, JobStore jobs, WorkVolume workVolume) {
        this.stages = stages;
        this.uploads = uploads;
        this.jobs = jobs;
        this.workVolume = workVolume;
    }

    /**
     * Completes the job only after UploadCompleted is confirmed: should this service die in between, the redelivered
     * message finds the job still UPLOADING and its files still in the work volume, and simply does it all again.
     */
    @RabbitListener(queues = "#{@topology.queue('uploader.encoding-completed')}")
    void on(EncodingCompleted event) {
        log.info("Uploading the outputs of job {}", event.jobId());
        stages.run(event, JobState.UPLOADING, uploads::upload).ifPresent(done -> {
            jobs.complete(done.jobId(), done.outputs());
            workVolume.delete(done.jobId());
            log.info("Job {} completed", done.jobId());
        });
    }
}
