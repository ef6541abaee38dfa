package io.transcoder.encoder.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.transcoder.encoder.EncoderApplication;
import io.transcoder.jobs.JobState;
import io.transcoder.jobs.JobStore;
import io.transcoder.messages.JobTicket;
import io.transcoder.messages.SourceDownloaded;
import io.transcoder.messaging.EventPublisher;
import io.transcoder.messaging.Subscription;
import io.transcoder.messaging.Topology;
import io.transcoder.test.TestClips;
import io.transcoder.test.TestInfrastructure;
import io.transcoder.test.TestInfrastructureInitializer;
import io.transcoder.work.WorkVolume;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * An encoder closed (as on SIGTERM) in the middle of an encode. It runs in a namespace of its own, so that no other
 * test's encoder takes the message it hands back before the test counts it.
 */
class EncoderShutdownTests {

    private static final String NAMESPACE = TestInfrastructure.namespace() + "-shutdown";

    @Test
    void stopsFfmpegLeavesNoPartialFolderAndHandsTheMessageBackWhenClosed() throws Exception {
        ConfigurableApplicationContext encoder = start();
        JobStore jobs = encoder.getBean(JobStore.class);
        WorkVolume workVolume = encoder.getBean(WorkVolume.class);
        String queue = encoder.getBean(Topology.class).queue(Subscription.ENCODER_SOURCE_DOWNLOADED);
        JobTicket job = new JobTicket(UUID.randomUUID().toString(), "owner-a", "someone@example.com",
                List.of("slow"), "long.mp4");
        jobs.create(job);
        jobs.advance(job, JobState.DOWNLOADING);
        Path source = TestClips.video(workVolume.source(job.jobId()), "mp4", "640x360", 20);

        encoder.getBean(EventPublisher.class)
                .publish(new SourceDownloaded(job, workVolume.relativize(source), Files.size(source)));
        ProcessHandle ffmpeg = await().atMost(Duration.ofSeconds(60)).until(() -> ProcessHandle.current()
                .descendants().filter(process -> process.info().commandLine().orElse("").contains(job.jobId()))
                .findFirst().orElse(null), found -> found != null && jobs.find(job.jobId()).orElseThrow()
                .formatProgress().get("slow") > 0);
        long closing = System.nanoTime();
        encoder.close();

        assertThat(Duration.ofNanos(System.nanoTime() - closing)).as("closed within 10 s")
                .isLessThan(Duration.ofSeconds(10));
        assertThat(ffmpeg.isAlive()).as("ffmpeg is gone").isFalse();
        assertThat(partialFolders(workVolume.jobDirectory(job.jobId()).resolve("out"))).isEmpty();
        assertThat(workVolume.source(job.jobId())).as("the source stays for the next delivery").exists();
        assertThat(messagesIn(queue)).as("the message is back in its queue").isEqualTo(1);
        assertThat(stateOf(jobs.key(job.jobId()))).as("not failed").isEqualTo(JobState.ENCODING.name());
    }

    /** An encoder of this test's namespace. */
    private static ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(EncoderApplication.class).web(WebApplicationType.NONE)
                .initializers(new TestInfrastructureInitializer(), context -> context.getEnvironment()
                        .getPropertySources().addFirst(new MapPropertySource("shutdownTest", Map.ofEntries(
                                Map.entry("transcoder.namespace", NAMESPACE),
                                // this namespace's keys are not the test namespace's, which the cleaner removes
                                Map.entry("transcoder.job-retention", "10m"),
                                Map.entry("transcoder.formats.slow.description", "slow"),
                                Map.entry("transcoder.formats.slow.progressive.container", "mp4"),
                                Map.entry("transcoder.formats.slow.progressive.extension", "mp4"),
                                Map.entry("transcoder.formats.slow.progressive.media-type", "video/mp4"),
                                Map.entry("transcoder.formats.slow.progressive.video-codec", "libx264"),
                                Map.entry("transcoder.formats.slow.progressive.audio-codec", "aac"),
                                Map.entry("transcoder.formats.slow.progressive.options",
                                        "-preset,veryslow,-threads,1,-pix_fmt,yuv420p")))))
                .run();
    }

    private static List<Path> partialFolders(Path out) throws IOException {
        if (!Files.isDirectory(out)) {
            return List.of();
        }
        try (Stream<Path> folders = Files.list(out)) {
            return folders.filter(folder -> folder.getFileName().toString().endsWith(".part")).toList();
        }
    }

    /** The job's state, read after the encoder closed. */
    private static String stateOf(String key) {
        Map<String, String> infrastructure = TestInfrastructure.properties();
        RedisClient client = RedisClient.create(RedisURI.create(infrastructure.get("spring.data.redis.host"),
                Integer.parseInt(infrastructure.get("spring.data.redis.port"))));
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            return connection.sync().hget(key, "state");
        } finally {
            client.shutdown();
        }
    }

    private static long messagesIn(String queue) {
        Map<String, String> infrastructure = TestInfrastructure.properties();
        CachingConnectionFactory connections = new CachingConnectionFactory(infrastructure.get("spring.rabbitmq.host"),
                Integer.parseInt(infrastructure.get("spring.rabbitmq.port")));
        connections.setUsername(infrastructure.get("spring.rabbitmq.username"));
        connections.setPassword(infrastructure.get("spring.rabbitmq.password"));
        try {
            return new RabbitAdmin(connections).getQueueInfo(queue).getMessageCount();
        } finally {
            connections.destroy();
        }
    }
}
