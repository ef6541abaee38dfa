package io.transcoder.downloader.download;

import io.transcoder.jobs.JobState;
import io.transcoder.messages.JobRequested;
import io.transcoder.messaging.JobStages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;

@Component
class JobRequestedListener {

    private static final Logger log = LoggerFactory.getLogger(JobRequestedListener.class);

    private final JobStages stages;
    private final SourceDownloads downloads;

    JobRequestedListener(JobStages stages, SourceDownloads downloads) {
        this.stages = stages;
        this.downloads = downloads;
    }

    @RabbitListener(queues = "#{@topology.queue('downloader.job-requested')}")
    void on(JobRequested event) {
        log.info("Downloading the source of job {}", event.jobId());
        stages.run(event, JobState.DOWNLOADING, downloads::download);
    }
}
