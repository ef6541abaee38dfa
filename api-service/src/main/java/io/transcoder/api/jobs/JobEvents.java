package io.transcoder.api.jobs;

import io.transcoder.api.problems.ApiException;
import io.transcoder.jobs.JobStore;
import java.io.IOException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Live job views as server-sent events: the current view at once, then a fresh one whenever a stage announces a
 * change on the job's Redis channel, until the job ends. The announcement only nudges; the view is always re-read.
 */
@Component
class JobEvents {

    private static final Logger log = LoggerFactory.getLogger(JobEvents.class);
    private static final Duration TIMEOUT = Duration.ofHours(1);

    private final RedisMessageListenerContainer redisListeners;
    private final JobStore jobs;
    private final JobViews views;

    JobEvents(RedisMessageListenerContainer redisListeners, JobStore jobs, JobViews views) {
        this.redisListeners = redisListeners;
        this.jobs = jobs;
        this.views = views;
    }

    SseEmitter stream(String jobId) {
        views.view(jobId); // an unknown job is a 404, not an empty stream
        SseEmitter emitter = new SseEmitter(TIMEOUT.toMillis());
        ChannelTopic channel = new ChannelTopic(jobs.eventsChannel(jobId));
        MessageListener listener = (message, pattern) -> changed(emitter, jobId);
        redisListeners.addMessageListener(listener, channel);
        Runnable unsubscribe = () -> redisListeners.removeMessageListener(listener, channel);
        emitter.onCompletion(unsubscribe);
        emitter.onTimeout(unsubscribe);
        emitter.onError(error -> unsubscribe.run());
        changed(emitter, jobId); // read after subscribing, so no change can fall in between
        return emitter;
    }

    private void changed(SseEmitter emitter, String jobId) {
        try {
            send(emitter, views.view(jobId));
        } catch (ApiException e) {
            emitter.complete(); // expired meanwhile
        }
    }

    private static void send(SseEmitter emitter, JobView view) {
        try {
            emitter.send(SseEmitter.event().name("job").data(view, MediaType.APPLICATION_JSON));
            if (view.state().isTerminal()) {
                emitter.complete();
            }
        } catch (IOException | IllegalStateException e) {
            log.debug("A watcher of job {} went away", view.id());
            emitter.completeWithError(e);
        }
    }
}
