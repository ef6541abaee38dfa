package io.transcoder.api.jobs;

import io.transcoder.jobs.JobStore;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.data.redis.listener.PatternTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.stereotype.Component;

/**
 * The stages' announcements on every job's events channel, heard through one pattern subscription made at start and
 * handed to whoever watches that job. One subscription per stream would subscribe and unsubscribe on every stream's
 * start and end, which Lettuce's listener container races on (spring-data-redis#3080): streams then miss their job's
 * end, or fail to open.
 */
@Component
class JobChannels {

    private final JobStore jobs;
    private final Map<String, Set<Runnable>> watchers = new ConcurrentHashMap<>();

    JobChannels(RedisMessageListenerContainer redisListeners, JobStore jobs) {
        this.jobs = jobs;
        redisListeners.addMessageListener((message, pattern) -> watchers
                        .getOrDefault(new String(message.getChannel(), StandardCharsets.UTF_8), Set.of())
                        .forEach(Runnable::run),
                new PatternTopic(jobs.eventsChannel("*")));
    }

    /** Runs {@code onChange} on every announcement for the job until the answer is run. */
    Runnable watch(String jobId, Runnable onChange) {
        String channel = jobs.eventsChannel(jobId);
        watchers.computeIfAbsent(channel, key -> ConcurrentHashMap.newKeySet()).add(onChange);
        return () -> watchers.computeIfPresent(channel, (key, watching) -> {
            watching.remove(onChange);
            return watching.isEmpty() ? null : watching;
        });
    }
}
