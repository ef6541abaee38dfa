package io.transcoder.api.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.transcoder.messaging.Subscription;
import io.transcoder.messaging.Topology;
import io.transcoder.test.TranscoderTest;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.json.JsonMapper;

/** Submissions stop while the pipeline's backlog is full (here: two jobs waiting to be downloaded). */
@TranscoderTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "api.max-backlog=2")
class BacklogTests {

    @LocalServerPort
    int port;

    @Autowired
    AmqpAdmin admin;

    @Autowired
    Topology topology;

    @Autowired
    JsonMapper json;

    @BeforeEach
    @AfterEach
    void emptyTheDownloadersQueue() {
        // no downloader runs in these tests, so other tests' jobs are waiting there
        admin.purgeQueue(topology.queue(Subscription.DOWNLOADER_JOB_REQUESTED), false);
    }

    @Test
    void answersBusyWhileTooManyJobsWaitToBeDownloadedOrEncoded() {
        ApiClient api = new ApiClient(port, json);
        assertThat(api.submit(Uploads.form("a.mp4", new byte[100])).status()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(api.submit(Uploads.form("b.mp4", new byte[100])).status()).isEqualTo(HttpStatus.ACCEPTED);

        // the backlog is read at most every two seconds
        ApiClient.Answer busy = await().atMost(Duration.ofSeconds(10)).until(
                () -> api.submit(Uploads.form("c.mp4", new byte[100])),
                answer -> answer.status() == HttpStatus.SERVICE_UNAVAILABLE);

        assertThat(busy.body().get("type").asString()).isEqualTo("/problems/busy");
        assertThat(busy.headers().getFirst("Retry-After")).isEqualTo("60");
    }
}
