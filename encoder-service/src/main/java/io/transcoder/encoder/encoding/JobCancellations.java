package io.transcoder.encoder.encoding;

import io.transcoder.jobs.JobState;
import io.transcoder.jobs.JobStore;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
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

    @Bean
    RedisMessageListenerContainer jobEventListeners(RedisConnectionFactory redis, JobStore jobs,
            RunningEncodes encodes) {
        RedisMessageListenerContainer container = new RedisMessageListenerContainer();
        container.setConnectionFactory(redis);
        SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("job-events-");
        // each progress report of every job arrives here too: threads that cost next to nothing
        executor.setVirtualThreads(true);
        container.setTaskExecutor(executor);
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
