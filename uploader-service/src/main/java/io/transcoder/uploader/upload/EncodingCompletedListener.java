package io.transcoder.uploader.upload;

import io.transcoder.jobs.JobState;
import io.transcoder.messages.EncodingCompleted;
import io.transcoder.messaging.EventPublisher;
import io.transcoder.messaging.JobStages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;

@Component
class EncodingCompletedListener {

    private static final Logger log = LoggerFactory.getLogger(EncodingCompletedListener.class);

    private final JobStages stages;
    private final OutputUploads uploads;
    private final EventPublisher publisher;

    EncodingCompletedListener(JobStages stages, OutputUploads uploads, EventPublisher publisher) {
        this.stages = stages;
        this.uploads = uploads;
        this.publisher = publisher;
    }

    @RabbitListener(queues = "#{@topology.queue('uploader.encoding-completed')}")
    void on(EncodingCompleted event) {
        log.info("Uploading the outputs of job {}", event.jobId());
        uploads.completedBefore(event).ifPresentOrElse(publisher::publish,
                () -> stages.run(event, JobState.UPLOADING, uploads::upload));
        uploads.cleanUp(event.jobId());
    }
}
