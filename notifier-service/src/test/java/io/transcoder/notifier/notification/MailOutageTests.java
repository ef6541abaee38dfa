package io.transcoder.notifier.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.transcoder.jobs.FailureCode;
import io.transcoder.jobs.JobRecord;
import io.transcoder.jobs.JobState;
import io.transcoder.jobs.JobStore;
import io.transcoder.messages.JobFailed;
import io.transcoder.messages.JobTicket;
import io.transcoder.messaging.EventPublisher;
import io.transcoder.messaging.Subscription;
import io.transcoder.messaging.Topology;
import io.transcoder.test.TranscoderTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

// short delays in the broker and short in-process retries, so that the outage is seen waiting within seconds
@TranscoderTest(properties = {
    "transcoder.retry.delays=1s,2s",
    "spring.rabbitmq.listener.simple.retry.initial-interval=50ms",
    "spring.rabbitmq.listener.simple.retry.max-interval=100ms"})
class MailOutageTests {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ServerSetup SMTP = new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
    // not started: the mail server is down until the test brings it up
    private static final GreenMail MAIL = new GreenMail(SMTP);

    @Autowired
    EventPublisher publisher;

    @Autowired
    JobStore jobs;

    @Autowired
    AmqpAdmin admin;

    @Autowired
    RabbitTemplate rabbit;

    @Autowired
    Topology topology;

    @DynamicPropertySource
    static void mailServer(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", SMTP::getBindAddress);
        registry.add("spring.mail.port", SMTP::getPort);
    }

    @AfterAll
    static void stopMailServer() {
        MAIL.stop();
    }

    @Test
    void waitsInARetryQueueWhileTheMailServerIsDownAndSendsOneEmailOnceItIsUp() {
        JobTicket job = new JobTicket(UUID.randomUUID().toString(), "owner-" + UUID.randomUUID().toString().substring(0, 8),
                "someone-" + UUID.randomUUID() + "@example.com", List.of("mp4"), "clip.mov");
        jobs.create(job);
        jobs.fail(job.jobId(), FailureCode.INPUT_NOT_VIDEO, "Not a video.");

        publisher.publish(new JobFailed(job, JobState.DOWNLOADING, FailureCode.INPUT_NOT_VIDEO, "Not a video."));

        await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(this::aMessageWaitsInARetryQueue);
        await().atMost(WAIT).untilAsserted(() -> assertThat(jobs.find(job.jobId()).orElseThrow()).satisfies(waiting -> {
            assertThat(waiting.waiting()).startsWith("The mail server is unreachable; the next attempt is at ");
            assertThat(waiting.notification()).isEqualTo("FAILED");
        }));
        assertThat(rabbit.receive(topology.parkedQueue(Subscription.NOTIFIER_JOB_FAILED), 100)).isNull();

        MAIL.start();

        await().atMost(WAIT).until(() -> MAIL.getReceivedMessages().length == 1);
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(jobs.find(job.jobId())).map(JobRecord::notification).hasValue("SENT"));
        // a message that was waiting when the first attempt got through finds the email sent
        await().during(Duration.ofSeconds(3)).atMost(WAIT).until(() -> MAIL.getReceivedMessages().length == 1);
        assertThat(jobs.find(job.jobId()).orElseThrow().state()).isEqualTo(JobState.FAILED);
    }

    private boolean aMessageWaitsInARetryQueue() {
        return List.of(Duration.ofSeconds(1), Duration.ofSeconds(2)).stream()
                .map(delay -> admin.getQueueInfo(topology.retryQueue(Subscription.NOTIFIER_JOB_FAILED, delay)))
                .anyMatch(queue -> queue != null && queue.getMessageCount() > 0);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
