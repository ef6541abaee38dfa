package io.transcoder.encoder.encoding;

import io.transcoder.jobs.JobState;
import io.transcoder.jobs.JobStore;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.PatternTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/**
 * Every encoder hears every job's events channel through one pattern subscription, since a cancel must reach
 * whichever encoder runs the job (a queue message would reach only one of them): on {@code CANCELLED} it stops its
 * encode of that job, if it runs one.
 */
@Configuration(proxyBeanMethods = false)
class JobCancellations {

    private static final Logger log = LoggerFactory.getLogger(JobCancellations.class);
    private static final String CANCELLED = JobState.CANCELLED.name();

    /**
     * Each progress report of every job arrives here too, and is ignored at once: two threads do, rather than one
     * new thread a message; two, so that a cancel waiting for its ffmpeg to go does not hold up another.
     */
    @Bean(destroyMethod = "shutdownNow")
    ExecutorService jobEventsExecutor() {
        AtomicInteger threads = new AtomicInteger();
        return Executors.newFixedThreadPool(2, task -> {
            Thread thread = new Thread(task, "job-events-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @Bean
    RedisMessageListenerContainer jobEventListeners(RedisConnectionFactory redis, JobStore jobs,
            RunningEncodes encodes, ExecutorService jobEventsExecutor) {
        RedisMessageListenerContainer container = new RedisMessageListenerContainer();
        container.setConnectionFactory(redis);
        container.setTaskExecutor(jobEventsExecutor);
        container.addMessageListener(listener(jobs, encodes), new PatternTopic(jobs.eventsChannel("*")));
        return container;
    }

    static MessageListener listener(JobStore jobs, RunningEncodes encodes) {
        String prefix = jobs.key("");
        String suffix = jobs.eventsChannel("").substring(prefix.length());
        return (Message message, byte @Nullable [] pattern) -> {
            if (!CANCELLED.equals(new String(message.getBody(), StandardCharsets.UTF_8))) {
                return;
            }
            String channel = new String(message.getChannel(), StandardCharsets.UTF_8);
            if (channel.startsWith(prefix) && channel.endsWith(suffix)
                    && channel.length() > prefix.length() + suffix.length()) {
                String jobId = channel.substring(prefix.length(), channel.length() - suffix.length());
                log.debug("Job {} was cancelled", jobId);
                encodes.cancel(jobId);
            }
        };
    }
}
