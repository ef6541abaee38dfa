package io.transcoder.encoder.encoding;

import io.transcoder.jobs.JobState;
import io.transcoder.messages.SourceDownloaded;
import io.transcoder.messaging.JobStages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;

/** Encodes each downloaded source and publishes {@code EncodingCompleted}, or fails the job. */
@Component
class SourceDownloadedListener {

    private static final Logger log = LoggerFactory.getLogger(SourceDownloadedListener.class);

    private final JobStages stages;
    private final Encoder encoder;

    SourceDownloadedListener(JobStages stages, Encoder encoder) {
        this.stages = stages;
        this.encoder = encoder;
    }

    @RabbitListener(queues = "#{@topology.queue('encoder.source-downloaded')}")
    void on(SourceDownloaded event) {
        log.info("Encoding job {} as {}", event.jobId(), event.job().formats());
        stages.run(event, JobState.ENCODING, encoder::encode);
    }
}
