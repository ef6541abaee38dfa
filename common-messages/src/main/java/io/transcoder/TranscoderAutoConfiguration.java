package io.transcoder;

import io.transcoder.jobs.JobStore;
import io.transcoder.jobs.PersistenceCheck;
import io.transcoder.jobs.RateLimiter;
import io.transcoder.messaging.EventPublisher;
import io.transcoder.messaging.JobStages;
import io.transcoder.messaging.MessagingConfiguration;
import io.transcoder.work.WorkVolume;
import java.time.Clock;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.json.JsonMapper;

/** What every service gets by depending on common-messages: job state, work volume and messaging. */
@AutoConfiguration(afterName = {
    "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
    "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration"})
@EnableConfigurationProperties(TranscoderProperties.class)
@Import(MessagingConfiguration.class)
public class TranscoderAutoConfiguration {

    @Bean
    JobStore jobStore(StringRedisTemplate redis, JsonMapper json, TranscoderProperties transcoder) {
        return new JobStore(redis, json, transcoder.namespace(), transcoder.jobRetention(), Clock.systemUTC());
    }

    @Bean
    PersistenceCheck redisPersistenceCheck(StringRedisTemplate redis) {
        return new PersistenceCheck(redis);
    }

    @Bean
    RateLimiter rateLimiter(StringRedisTemplate redis, TranscoderProperties transcoder) {
        return new RateLimiter(redis, transcoder.namespace(), Clock.systemUTC());
    }

    @Bean
    WorkVolume workVolume(TranscoderProperties transcoder) {
        return new WorkVolume(transcoder.workDir());
    }

    @Bean
    JobStages jobStages(JobStore jobs, EventPublisher publisher, WorkVolume workVolume) {
        return new JobStages(jobs, publisher, workVolume);
    }
}
