package io.transcoder.encoder.encoding;

import com.github.kokorin.jaffree.process.Stopper;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Jaffree's own forced stop only types "qq" on ffmpeg's stdin, which an ffmpeg stuck reading its input never
 * reads, and it returns at once. This one kills the process.
 */
final class Killer implements Stopper {

    private static final Logger log = LoggerFactory.getLogger(Killer.class);

    private final CompletableFuture<Process> process = new CompletableFuture<>();
    private volatile boolean killed;

    @Override
    public void setProcess(Process started) {
        process.complete(started);
        if (killed) {
            started.destroyForcibly();
        }
    }

    @Override
    public void graceStop() {
        forceStop();
    }

    @Override
    public void forceStop() {
        killed = true;
        Process started = process.getNow(null);
        if (started != null) {
            started.destroyForcibly();
        }
    }

    /**
     * Asks ffmpeg to stop (SIGTERM), kills it if it has not within {@code grace}, and waits as long again for it to
     * be gone; null if it has not started (it is killed when it does).
     */
    @Nullable Ended terminate(Duration grace) {
        killed = true;
        Process started = process.getNow(null);
        if (started == null) {
            return null;
        }
        started.destroy();
        try {
            if (!started.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                started.destroyForcibly();
                started.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            started.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        return new Ended(started.pid(), !started.toHandle().isAlive());
    }

    /** Whether the process started and has ended since. */
    boolean ended() {
        Process started = process.getNow(null);
        return started != null && !started.isAlive();
    }

    /** A process {@link #terminate} ended, and whether it is gone. */
    record Ended(long pid, boolean gone) {}

    void awaitExit(long millis) {
        Process started = process.getNow(null);
        try {
            if (started != null && !started.waitFor(millis, TimeUnit.MILLISECONDS)) {
                log.error("ffmpeg (pid {}) outlived being killed", started.pid());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
