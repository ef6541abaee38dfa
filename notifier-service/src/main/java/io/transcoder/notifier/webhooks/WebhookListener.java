package io.transcoder.notifier.webhooks;

import io.transcoder.messages.JobCancelled;
import io.transcoder.messages.JobFailed;
import io.transcoder.messages.UploadCompleted;
import io.transcoder.messaging.Subscription;
import io.transcoder.webhooks.WebhookEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;

/**
 * Consumes the three facts a job ends with, each from a {@code webhooks.*} queue of its own, apart from the email's:
 * a receiver that fails holds no email up.
 */
@Component
class WebhookListener {

    private static final Logger log = LoggerFactory.getLogger(WebhookListener.class);

    private final WebhookDeliveries deliveries;

    WebhookListener(WebhookDeliveries deliveries) {
        this.deliveries = deliveries;
    }

    @RabbitListener(queues = "#{@topology.queue('webhooks.upload-completed')}",
            containerFactory = WebhooksConfiguration.CONTAINER_FACTORY)
    void on(UploadCompleted event) {
        log.debug("Job {} completed; its webhook, if it has one", event.jobId());
        deliveries.deliver(event, Subscription.WEBHOOKS_UPLOAD_COMPLETED, WebhookEvent.COMPLETED);
    }

    @RabbitListener(queues = "#{@topology.queue('webhooks.job-failed')}",
            containerFactory = WebhooksConfiguration.CONTAINER_FACTORY)
    void on(JobFailed event) {
        log.debug("Job {} failed; its webhook, if it has one", event.jobId());
        deliveries.deliver(event, Subscription.WEBHOOKS_JOB_FAILED, WebhookEvent.FAILED);
    }

    @RabbitListener(queues = "#{@topology.queue('webhooks.job-cancelled')}",
            containerFactory = WebhooksConfiguration.CONTAINER_FACTORY)
    void on(JobCancelled event) {
        log.debug("Job {} was cancelled; its webhook, if it has one", event.jobId());
        deliveries.deliver(event, Subscription.WEBHOOKS_JOB_CANCELLED, WebhookEvent.CANCELLED);
    }
}
