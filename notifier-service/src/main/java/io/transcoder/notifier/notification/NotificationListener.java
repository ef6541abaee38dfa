package io.transcoder.notifier.notification;

import io.transcoder.messages.JobFailed;
import io.transcoder.messages.UploadCompleted;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;

/** Consumes the two facts a job ends with, {@link UploadCompleted} and {@link JobFailed}. */
@Component
class NotificationListener {

    private static final Logger log = LoggerFactory.getLogger(NotificationListener.class);

    private final Notifier notifier;

    NotificationListener(Notifier notifier) {
        this.notifier = notifier;
    }

    @RabbitListener(queues = "#{@topology.queue('notifier.upload-completed')}")
    void on(UploadCompleted event) {
        log.info("Job {} completed with {} outputs", event.jobId(), event.renditions().size());
        notifier.uploadCompleted(event);
    }

    @RabbitListener(queues = "#{@topology.queue('notifier.job-failed')}")
    void on(JobFailed event) {
        log.info("Job {} failed in {} with {}", event.jobId(), event.stage(), event.code());
        notifier.jobFailed(event);
    }
}
