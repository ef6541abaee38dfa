package io.transcoder.api.jobs;

import io.transcoder.api.problems.ApiException;
import io.transcoder.jobs.JobStore;
import java.io.IOException;
import java.time.Duration;
import java.util.Comparator;
import org.jspecify.annotations.Nullable;
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
        Watch watch = new Watch(new SseEmitter(TIMEOUT.toMillis()));
        ChannelTopic channel = new ChannelTopic(jobs.eventsChannel(jobId));
        MessageListener listener = (message, pattern) -> changed(watch, jobId);
        redisListeners.addMessageListener(listener, channel);
        Runnable unsubscribe = () -> redisListeners.removeMessageListener(listener, channel);
        watch.emitter.onCompletion(unsubscribe);
        watch.emitter.onTimeout(unsubscribe);
        watch.emitter.onError(error -> unsubscribe.run());
        changed(watch, jobId); // read after subscribing, so no change can fall in between
        return watch.emitter;
    }

    private void changed(Watch watch, String jobId) {
        try {
            watch.send(views.view(jobId));
        } catch (ApiException e) {
            watch.emitter.complete(); // expired meanwhile
        }
    }

    /**
     * One watcher's stream. Nudges are handled concurrently, so a view read earlier may arrive later: as a job only
     * moves forward, such a view is older than the last one sent and is dropped.
     */
    private static final class Watch {

        private static final Comparator<JobView> AGE = Comparator.comparing(JobView::state)
                .thenComparingInt(JobView::progress)
                .thenComparing(JobView::updatedAt);

        private final SseEmitter emitter;
        private @Nullable JobView last;

        Watch(SseEmitter emitter) {
            this.emitter = emitter;
        }

        synchronized void send(JobView view) {
            if (last != null && AGE.compare(view, last) <= 0) {
                return;
            }
            try {
                emitter.send(SseEmitter.event().name("job").data(view, MediaType.APPLICATION_JSON));
                last = view;
                if (view.state().isTerminal()) {
                    emitter.complete();
                }
            } catch (IOException | IllegalStateException e) {
                log.debug("A watcher of job {} went away", view.id());
                emitter.completeWithError(e);
            }
        }
    }
}
