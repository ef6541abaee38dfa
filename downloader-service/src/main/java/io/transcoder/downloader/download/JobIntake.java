package io.transcoder.downloader.download;

import io.transcoder.downloader.space.SpaceGate;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.rabbit.listener.MessageListenerContainer;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Stops the {@link JobRequestedListener} while the {@link SpaceGate} is closed and starts it again once it opens, so
 * that while the work volume has no room the jobs wait in their queue as ready messages: no delivery is held
 * (RabbitMQ's consumer timeout never comes into it), none is requeued (nothing counts toward the queue's delivery
 * limit), and the uploader's reaper sees jobs waiting behind a backlog, not stuck ones.
 *
 * <p>It stops the listener only when no download runs, so a stop never cuts one off; and it starts only a listener
 * it stopped.
 */
@Component
class JobIntake implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(JobIntake.class);

    private final SpaceGate gate;
    private final RabbitListenerEndpointRegistry registry;
    private boolean running; // guarded by this
    private boolean stopped; // guarded by this

    JobIntake(SpaceGate gate, RabbitListenerEndpointRegistry registry, TaskScheduler scheduler) {
        this.gate = gate;
        this.registry = registry;
        // not on the listener's thread: stopping a container waits for its listener to return
        gate.onQuiet(() -> {
            try {
                scheduler.schedule(this::follow, Instant.now());
            } catch (TaskRejectedException e) {
                // shutting down; and otherwise the next check comes within an interval anyway
                log.debug("Could not look at the work volume at once", e);
            }
        });
    }

    /** Reads the free space and starts or stops taking jobs to match; every check interval, and when a job asks. */
    synchronized void follow() {
        boolean open = gate.check();
        MessageListenerContainer listener = registry.getListenerContainer(JobRequestedListener.ID);
        if (!running || listener == null) {
            return; // starting, stopping or stopped: the application context decides
        }
        if (!open && gate.isQuiet() && listener.isRunning()) {
            listener.stop();
            stopped = true;
            log.info("Stopped taking job requests until the work volume has room");
        } else if (open && stopped) {
            listener.start();
            stopped = false;
            log.info("Taking job requests again");
        }
    }

    // Depending on the registry, this is started after it and stopped before it: never does it start a listener
    // that the application context is stopping.
    @Override
    public synchronized void start() {
        running = true;
    }

    @Override
    public synchronized void stop() {
        running = false;
    }

    @Override
    public synchronized boolean isRunning() {
        return running;
    }
}
