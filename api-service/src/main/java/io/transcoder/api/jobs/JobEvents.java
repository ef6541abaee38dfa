package io.transcoder.api.jobs;

import io.transcoder.api.ApiProperties;
import io.transcoder.api.problems.ApiException;
import io.transcoder.api.security.Owner;
import java.io.IOException;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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

    private final JobChannels channels;
    private final JobViews views;
    private final OpenStreams streams;

    JobEvents(JobChannels channels, JobViews views, ApiProperties api) {
        this.channels = channels;
        this.views = views;
        this.streams = new OpenStreams(api.maxEventStreams());
    }

    SseEmitter stream(String jobId, Owner owner) {
        views.view(jobId, owner); // an unknown job is a 404, not an empty stream
        Runnable release = streams.open(owner);
        Watch watch = new Watch(new SseEmitter(TIMEOUT.toMillis()));
        Runnable unwatch = channels.watch(jobId, () -> changed(watch, jobId, owner));
        Runnable end = new OnlyOnce(() -> {
            unwatch.run();
            release.run();
        });
        watch.emitter.onCompletion(end);
        watch.emitter.onTimeout(end);
        watch.emitter.onError(error -> end.run());
        changed(watch, jobId, owner); // read after subscribing, so no change can fall in between
        return watch.emitter;
    }

    private void changed(Watch watch, String jobId, Owner owner) {
        try {
            watch.send(views.view(jobId, owner));
        } catch (ApiException e) {
            watch.emitter.complete(); // expired meanwhile
        }
    }

    /** Counts each owner's open streams on this instance, refusing one beyond the limit. */
    private static final class OpenStreams {

        private final Map<Owner, Integer> open = new ConcurrentHashMap<>();
        private final int limit;

        OpenStreams(int limit) {
            this.limit = limit;
        }

        /** Opens one of the owner's streams and answers how to close it again. */
        Runnable open(Owner owner) {
            boolean[] opened = {false};
            open.compute(owner, (key, count) -> {
                int current = count == null ? 0 : count;
                opened[0] = current < limit;
                return opened[0] ? current + 1 : current;
            });
            if (!opened[0]) {
                throw ApiException.tooManyStreams(limit);
            }
            return () -> open.computeIfPresent(owner, (key, count) -> count > 1 ? count - 1 : null);
        }
    }

    /** Runs a task the first time only: an emitter may report its end more than once (error, then completion). */
    private static final class OnlyOnce implements Runnable {

        private final AtomicBoolean done = new AtomicBoolean();
        private final Runnable task;

        OnlyOnce(Runnable task) {
            this.task = task;
        }

        @Override
        public void run() {
            if (done.compareAndSet(false, true)) {
                task.run();
            }
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
