package io.transcoder.downloader.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.transcoder.jobs.FailureCode;
import io.transcoder.jobs.JobState;
import io.transcoder.jobs.JobStore;
import io.transcoder.messages.JobFailed;
import io.transcoder.messages.JobRequested;
import io.transcoder.messages.JobTicket;
import io.transcoder.messaging.EventPublisher;
import io.transcoder.messaging.Subscription;
import io.transcoder.messaging.Topology;
import io.transcoder.test.EventCapture;
import io.transcoder.test.TranscoderTest;
import io.transcoder.work.WorkVolume;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;

/** What a real listener does with messages it cannot handle, with retries shortened for the test. */
@TranscoderTest(properties = {
    "spring.rabbitmq.listener.simple.retry.initial-interval=50ms",
    "spring.rabbitmq.listener.simple.retry.max-interval=100ms"})
class FailureHandlingTests {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Autowired
    EventPublisher publisher;

    @Autowired
    JobStore jobs;

    @Autowired
    WorkVolume workVolume;

    @Autowired
    AmqpAdmin admin;

    @Autowired
    RabbitTemplate rabbit;

    @Autowired
    Topology topology;

    @Test
    void failsTheJobOfAMessageThatKeepsFailingAndParksTheMessage() throws Exception {
        JobTicket job = new JobTicket(UUID.randomUUID().toString(), "owner-a", "a@example.com", List.of("mp4"), "clip.mp4");
        jobs.create(job);
        // a file where the job's directory should go: every attempt fails on an error no retry can mend
        Files.createDirectories(workVolume.root());
        Files.writeString(workVolume.jobDirectory(job.jobId()), "in the way");

        try (EventCapture failed = EventCapture.of(admin, rabbit, topology.exchange(), "job.failed.v1")) {
            publisher.publish(new JobRequested(job, "sources/" + job.jobId() + "/clip.mp4"));

            JobFailed event = failed.next(JobFailed.class, WAIT);
            assertThat(event).isNotNull();
            assertThat(event.code()).isEqualTo(FailureCode.STAGE_ERROR);
            assertThat(event.stage()).isEqualTo(JobState.DOWNLOADING);
        }
        await().atMost(WAIT).until(() -> jobs.state(job.jobId()).orElseThrow() == JobState.FAILED);
        String messageId = job.jobId() + ":1:job.requested.v1";
        assertThat(parked(message -> messageId.equals(message.getMessageProperties().getMessageId()))).isNotNull();
    }

    @Test
    void parksAMessageItCannotRead() {
        byte[] garbage = ("{\"job\": 42, \"nonsense\": " + UUID.randomUUID() + "}").getBytes(StandardCharsets.UTF_8);
        MessageProperties properties = new MessageProperties();
        properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);

        rabbit.send(topology.exchange(), "job.requested.v1", new Message(garbage, properties));

        assertThat(parked(message -> Arrays.equals(message.getBody(), garbage))).isNotNull();
    }

    /** The parked message that matches, passing over others' (the parked queue is shared by the whole run). */
    private Message parked(Predicate<Message> wanted) {
        String queue = topology.parkedQueue(Subscription.DOWNLOADER_JOB_REQUESTED);
        return await().atMost(WAIT)
                .until(() -> rabbit.receive(queue, 500), message -> message != null && wanted.test(message));
    }
}
