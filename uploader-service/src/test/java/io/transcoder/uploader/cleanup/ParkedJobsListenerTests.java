package io.transcoder.uploader.cleanup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.GetResponse;
import io.transcoder.jobs.FailureCode;
import io.transcoder.jobs.JobState;
import io.transcoder.jobs.JobStore;
import io.transcoder.messages.JobFailed;
import io.transcoder.messages.JobTicket;
import io.transcoder.messages.SourceDownloaded;
import io.transcoder.messaging.EventPublisher;
import io.transcoder.messaging.Subscription;
import io.transcoder.messaging.Topology;
import io.transcoder.test.EventCapture;
import io.transcoder.test.TranscoderTest;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;

@TranscoderTest
class ParkedJobsListenerTests {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Autowired
    JobStore jobs;

    @Autowired
    EventPublisher publisher;

    @Autowired
    AmqpAdmin admin;

    @Autowired
    RabbitTemplate rabbit;

    @Autowired
    Topology topology;

    @Test
    void failsTheJobOfAMessageRejectedFromAWorkQueueWithinSecondsAndLeavesTheMessageParked() {
        JobTicket job = new JobTicket(UUID.randomUUID().toString(), "owner-a", "a@example.com", List.of("mp4"), "clip.mp4");
        jobs.create(job);
        jobs.advance(job, JobState.DOWNLOADING);
        Subscription encoder = Subscription.ENCODER_SOURCE_DOWNLOADED;
        String messageId = job.jobId() + ":1:source.downloaded.v1";

        try (EventCapture failed = EventCapture.of(admin, rabbit, topology.exchange(), "job.failed.v1")) {
            publisher.publish(new SourceDownloaded(job, job.jobId() + "/source", 5));
            // no encoder runs here: the test rejects the message as the broker does one past its delivery limit
            await().atMost(WAIT).until(() -> rejectOne(topology.queue(encoder)));

            JobFailed event = failed.next(JobFailed.class, mine -> mine.jobId().equals(job.jobId()), WAIT);
            assertThat(event).isEqualTo(new JobFailed(job, JobState.DOWNLOADING, FailureCode.STAGE_ERROR,
                    ParkedJobsListener.REASON));
        }
        assertThat(jobs.find(job.jobId()).orElseThrow()).satisfies(record -> {
            assertThat(record.state()).isEqualTo(JobState.FAILED);
            assertThat(record.error().code()).isEqualTo("STAGE_ERROR");
        });
        Message parked = await().atMost(WAIT).until(() -> rabbit.receive(topology.parkedQueue(encoder), 200),
                message -> message != null && messageId.equals(message.getMessageProperties().getMessageId()));
        assertThat(parked.getBody()).isNotEmpty();
    }

    private Boolean rejectOne(String queue) {
        return rabbit.execute(channel -> {
            GetResponse response = channel.basicGet(queue, false);
            if (response == null) {
                return false;
            }
            channel.basicReject(response.getEnvelope().getDeliveryTag(), false);
            return true;
        });
    }
}
