package io.transcoder.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

import io.transcoder.jobs.FailureCode;
import io.transcoder.jobs.JobRecord;
import io.transcoder.jobs.JobState;
import io.transcoder.jobs.JobStore;
import io.transcoder.messages.JobFailed;
import io.transcoder.messages.JobRequested;
import io.transcoder.messages.JobTicket;
import io.transcoder.test.EventCapture;
import com.rabbitmq.client.GetResponse;
import io.transcoder.test.TranscoderTest;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.AmqpRejectAndDontRequeueException;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.retry.MessageRecoverer;
import org.springframework.amqp.rabbit.support.ListenerExecutionFailedException;
import org.springframework.amqp.AmqpConnectException;
import org.springframework.amqp.ImmediateRequeueAmqpException;
import software.amazon.awssdk.core.exception.SdkClientException;
import org.springframework.beans.factory.annotation.Autowired;

@TranscoderTest
class MessagingTests {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Autowired
    EventPublisher publisher;

    @Autowired
    Topology topology;

    @Autowired
    AmqpAdmin admin;

    @Autowired
    RabbitTemplate rabbit;

    @Autowired
    JobStore jobs;

    @Autowired
    MessageRecoverer recoverer;

    @Test
    void sendsAnEventBackToOneQueueOnlyAsTheSameMessage() {
        JobTicket job = ticket();
        String queue = topology.queue(Subscription.DOWNLOADER_JOB_REQUESTED);
        admin.purgeQueue(queue, false);
        try (EventCapture others = EventCapture.of(admin, rabbit, topology.exchange(), "job.requested.v1")) {
            publisher.sendBack(new JobRequested(job, "sources/x/clip.mp4"), Subscription.DOWNLOADER_JOB_REQUESTED);

            Message message = rabbit.receive(queue, WAIT.toMillis());
            assertThat(message).isNotNull();
            assertThat(message.getMessageProperties().getMessageId()).isEqualTo(job.jobId() + ":1:job.requested.v1");
            assertThat(others.next(JobRequested.class, Duration.ofMillis(500))).as("no other subscriber").isNull();
        }
        assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> publisher.sendBack(
                new JobRequested(job, "k"), Subscription.ENCODER_SOURCE_DOWNLOADED));
    }

    @Test
    void publishesAConfirmedJsonMessageWithItsIdAndCorrelation() {
        JobTicket job = ticket();
        try (EventCapture requested = EventCapture.of(admin, rabbit, topology.exchange(), "job.requested.v1")) {
            publisher.publish(new JobRequested(job, "sources/x/clip.mp4"));

            Message message = rabbit.receive(topology.queue("downloader.job-requested"), WAIT.toMillis());
            assertThat(message).isNotNull();
            assertThat(message.getMessageProperties().getMessageId()).isEqualTo(job.jobId() + ":1:job.requested.v1");
            assertThat(message.getMessageProperties().getCorrelationId()).isEqualTo(job.jobId());
            assertThat(message.getMessageProperties().getContentType()).isEqualTo("application/json");
            assertThat(new String(message.getBody(), StandardCharsets.UTF_8))
                    .contains("\"sourceKey\":\"sources/x/clip.mp4\"", "\"jobId\":\"" + job.jobId() + "\"");
            assertThat(requested.next(JobRequested.class, WAIT)).isEqualTo(new JobRequested(job, "sources/x/clip.mp4"));
        }
    }

    @Test
    void refusesToPublishWhatNoQueueWouldReceive() {
        Topology elsewhere = new Topology(topology.exchange() + "-unbound", 5, List.of(Duration.ofSeconds(5)));
        admin.declareExchange(new TopicExchange(elsewhere.exchange(), false, true));
        EventPublisher unbound = new EventPublisher(rabbit, elsewhere, WAIT);

        assertThatExceptionOfType(PublishFailedException.class)
                .isThrownBy(() -> unbound.publish(new JobRequested(ticket(), "k")))
                .withMessageContaining("No queue");
        admin.deleteExchange(elsewhere.exchange());
    }

    @Test
    void recovererFailsTheJobOfAMessageThatKeptFailingAndParksIt() {
        JobTicket job = ticket();
        jobs.create(job);
        jobs.advance(job, JobState.DOWNLOADING);
        Message message = rabbit.getMessageConverter().toMessage(new JobRequested(job, "k"), new MessageProperties());

        try (EventCapture failed = EventCapture.of(admin, rabbit, topology.exchange(), "job.failed.v1")) {
            assertThatExceptionOfType(AmqpRejectAndDontRequeueException.class)
                    .isThrownBy(() -> recoverer.recover(message, new IllegalStateException("disk on fire")));

            JobFailed event = failed.next(JobFailed.class, WAIT);
            assertThat(event.code()).isEqualTo(FailureCode.STAGE_ERROR);
            assertThat(event.stage()).isEqualTo(JobState.DOWNLOADING);
            assertThat(event.reason()).isEqualTo(StageRecoverer.REASON).doesNotContain("disk on fire");
        }
        JobRecord record = jobs.find(job.jobId()).orElseThrow();
        assertThat(record.state()).isEqualTo(JobState.FAILED);
    }

    @Test
    void recovererParksAMessageThatNamesNoJob() {
        Message garbage = new Message("{not json".getBytes(StandardCharsets.UTF_8), new MessageProperties());

        garbage.getMessageProperties().setConsumerQueue(topology.queue(Subscription.DOWNLOADER_JOB_REQUESTED));

        // rejected, so parked, even for an outage: without a job there is nothing to wait for
        assertThatExceptionOfType(AmqpRejectAndDontRequeueException.class)
                .isThrownBy(() -> recoverer.recover(garbage, new IllegalStateException("unreadable")))
                .withMessage("Parked: java.lang.IllegalStateException: unreadable");
        assertThatExceptionOfType(AmqpRejectAndDontRequeueException.class)
                .isThrownBy(() -> recoverer.recover(garbage, new UnavailableException("Storage", new IOException("down"))))
                .withMessageStartingWith("Parked: ");
    }

    @Test
    void parksARejectedMessageInItsQueuesDeadLetterQueue() {
        String queue = topology.queue("downloader.job-requested");
        byte[] poison = ("{not json " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        rabbit.send(topology.exchange(), "job.requested.v1", new Message(poison, new MessageProperties()));

        // reject it as the listener container does once the recoverer gives up
        await().atMost(WAIT).until(() -> rabbit.execute(channel -> {
            GetResponse response = channel.basicGet(queue, false);
            if (response == null) {
                return false;
            }
            channel.basicReject(response.getEnvelope().getDeliveryTag(), false);
            return true;
        }));

        Message parked = rabbit.receive(topology.parkedQueue(Subscription.DOWNLOADER_JOB_REQUESTED), WAIT.toMillis());
        assertThat(parked).isNotNull();
        assertThat(parked.getBody()).isEqualTo(poison);
        Message noticed = rabbit.receive(topology.parkedJobsQueue(), WAIT.toMillis());
        assertThat(noticed).isNotNull();
        assertThat(noticed.getBody()).isEqualTo(poison);
    }

    @Test
    void waitsOutAnOutageInARetryQueueAndTheMessageComesBackToItsQueue() {
        JobTicket job = ticket();
        jobs.create(job);
        String queue = topology.queue(Subscription.DOWNLOADER_JOB_REQUESTED);
        admin.purgeQueue(queue, false);
        Message message = delivered(new JobRequested(job, "k"), queue);

        long handedOver = System.nanoTime();
        recoverer.recover(message, new UnavailableException("Storage", new IOException("Connection refused")));

        assertThat(jobs.find(job.jobId()).orElseThrow().waiting()).startsWith("Storage is unreachable; the next attempt is at ");
        Message back = rabbit.receive(queue, Duration.ofSeconds(30).toMillis());
        assertThat(back).isNotNull();
        assertThat(Duration.ofNanos(System.nanoTime() - handedOver)).isGreaterThanOrEqualTo(Duration.ofSeconds(4));
        assertThat(back.getBody()).isEqualTo(message.getBody());
        assertThat((Object) back.getMessageProperties().getHeader(StageRecoverer.RETRIES)).isEqualTo(1);
        assertThat((Object) back.getMessageProperties().getHeader(StageRecoverer.FIRST_FAILURE)).isNotNull();
    }

    @Test
    void failsTheJobAsUnavailableOnceItsServicesBudgetIsSpent() {
        JobTicket job = ticket();
        jobs.create(job);
        jobs.advance(job, JobState.DOWNLOADING);
        Message message = delivered(new JobRequested(job, "k"), topology.queue(Subscription.DOWNLOADER_JOB_REQUESTED));
        message.getMessageProperties().setHeader(StageRecoverer.FIRST_FAILURE, Instant.now().minus(Duration.ofHours(2)).toString());
        message.getMessageProperties().setHeader(StageRecoverer.RETRIES, 9);

        try (EventCapture failed = EventCapture.of(admin, rabbit, topology.exchange(), "job.failed.v1")) {
            assertThatExceptionOfType(AmqpRejectAndDontRequeueException.class).isThrownBy(() -> recoverer.recover(
                    message, SdkClientException.create("Unable to execute HTTP request: Connection refused")));

            JobFailed event = failed.next(JobFailed.class, WAIT);
            assertThat(event.code()).isEqualTo(FailureCode.UNAVAILABLE);
            assertThat(event.reason()).isEqualTo("Storage stayed unreachable for an hour, so the job was given up.");
        }
    }

    @Test
    void handsBackAMessageOfAStageShuttingDown() {
        JobTicket job = ticket();
        jobs.create(job);
        Message message = delivered(new JobRequested(job, "k"), topology.queue(Subscription.DOWNLOADER_JOB_REQUESTED));

        assertThatExceptionOfType(ImmediateRequeueAmqpException.class).isThrownBy(() -> recoverer.recover(message,
                new ListenerExecutionFailedException("stopping", new ImmediateRequeueAmqpException("stopping"))));
        assertThat(jobs.find(job.jobId()).orElseThrow().state()).isEqualTo(JobState.QUEUED);
    }

    @Test
    void handsBackAMessageTheBrokerFailedRatherThanFailingItsJob() {
        JobTicket job = ticket();
        jobs.create(job);
        Message message = delivered(new JobRequested(job, "k"), topology.queue(Subscription.DOWNLOADER_JOB_REQUESTED));

        assertThatExceptionOfType(ImmediateRequeueAmqpException.class).isThrownBy(() -> recoverer.recover(message,
                new ListenerExecutionFailedException("publish", new AmqpConnectException(new ConnectException("refused")))));
        assertThatExceptionOfType(ImmediateRequeueAmqpException.class).isThrownBy(() -> recoverer.recover(message,
                new ListenerExecutionFailedException("publish", new PublishFailedException("Broker did not confirm"))));
        assertThat(jobs.find(job.jobId()).orElseThrow().state()).isEqualTo(JobState.QUEUED);
    }

    /** The message as a listener container hands it over: converted, and naming the queue it came from. */
    private Message delivered(JobRequested event, String queue) {
        MessageProperties properties = new MessageProperties();
        properties.setConsumerQueue(queue);
        properties.setMessageId(event.jobId() + ":1:job.requested.v1");
        return rabbit.getMessageConverter().toMessage(event, properties);
    }

    private static JobTicket ticket() {
        return new JobTicket(UUID.randomUUID().toString(), "owner-a", "a@example.com", List.of("mp4"), "clip.mp4");
    }
}
