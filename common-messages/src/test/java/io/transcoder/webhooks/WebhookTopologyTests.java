package io.transcoder.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import io.transcoder.messaging.Subscription;
import io.transcoder.messaging.Topology;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.Queue;

class WebhookTopologyTests {

    private final Topology topology = new Topology("t", 5, List.of(Duration.ofSeconds(5), Duration.ofMinutes(1)));

    @Test
    void givesTheWebhooksConsumerAQueueOfItsOwnPerEndOfAJobWithRetryQueues() {
        List<String> queues = topology.declarables().getDeclarablesByType(Queue.class).stream().map(Queue::getName)
                .toList();

        assertThat(queues).contains("t.webhooks.upload-completed", "t.webhooks.job-failed", "t.webhooks.job-cancelled",
                "t.webhooks.upload-completed.retry.5s", "t.webhooks.job-failed.retry.60s",
                "t.webhooks.job-cancelled.parked");
        assertThat(bindings("t.events")).contains("t.webhooks.upload-completed=upload.completed.v2",
                "t.webhooks.job-failed=job.failed.v1", "t.webhooks.job-cancelled=job.cancelled.v1");
    }

    @Test
    void parksAWebhookMessageWithoutFailingItsJob() {
        List<String> deadLetters = bindings("t.dead-letters");

        assertThat(deadLetters).contains("t.webhooks.job-failed.parked=t.webhooks.job-failed")
                .doesNotContain("t.parked-jobs=t.webhooks.job-failed", "t.parked-jobs=t.webhooks.upload-completed",
                        "t.parked-jobs=t.webhooks.job-cancelled")
                .contains("t.parked-jobs=t.notifier.job-failed", "t.parked-jobs=t.uploader.job-cancelled");
        assertThat(Subscription.WEBHOOKS_JOB_FAILED.failsJobWhenParked()).isFalse();
        assertThat(Subscription.NOTIFIER_JOB_FAILED.failsJobWhenParked()).isTrue();
    }

    /** Every binding from the exchange, as {@code queue=routing key}. */
    private List<String> bindings(String exchange) {
        return topology.declarables().getDeclarablesByType(Binding.class).stream()
                .filter(binding -> binding.getExchange().equals(exchange))
                .map(binding -> binding.getDestination() + "=" + binding.getRoutingKey())
                .toList();
    }
}
