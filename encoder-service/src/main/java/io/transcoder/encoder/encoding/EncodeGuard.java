package io.transcoder.encoder.encoding;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What may stop one job's encode on this encoder (a cancel, the encoder shutting down, the loss of the job's lease)
 * and the fence before anything of it is published. Every ffmpeg run of the encode registers its {@link Killer} here,
 * so that a stop ends the processes at once and not only at the next step.
 */
final class EncodeGuard {

    private static final Logger log = LoggerFactory.getLogger(EncodeGuard.class);
    // SIGTERM lets ffmpeg end on its own; one that has not within this is killed
    private static final Duration GRACE = Duration.ofSeconds(1);

    private final String jobId;
    private final BooleanSupplier fence;
    private final Set<Killer> running = ConcurrentHashMap.newKeySet();
    private volatile EncodeStopped.@Nullable Reason stopped;

    EncodeGuard(String jobId, BooleanSupplier fence) {
        this.jobId = jobId;
        this.fence = fence;
    }

    /** A guard nothing stops and whose fence always holds: for an encode outside the listener (tests, tools). */
    static EncodeGuard none(String jobId) {
        return new EncodeGuard(jobId, () -> true);
    }

    String jobId() {
        return jobId;
    }

    /** Stops the encode: ends its running ffmpeg processes and waits until they are gone; only the first call acts. */
    void stop(EncodeStopped.Reason reason) {
        synchronized (this) {
            if (stopped != null) {
                return;
            }
            stopped = reason;
        }
        running.forEach(killer -> end(killer, reason));
    }

    boolean stopped() {
        return stopped != null;
    }

    /** Throws {@link EncodeStopped} if the encode was stopped. */
    void check() {
        EncodeStopped.Reason reason = stopped;
        if (reason != null) {
            throw new EncodeStopped(jobId, reason);
        }
    }

    /** The fence: throws {@link EncodeStopped} unless the encode goes on and this encoder still holds the job. */
    void confirm() {
        check();
        if (!fence.getAsBoolean()) {
            stop(EncodeStopped.Reason.LEASE_LOST);
            check();
        }
    }

    /** Has a stop end this ffmpeg run too, until the answer is closed; one that comes too late is ended at once. */
    Registration watch(Killer killer) {
        running.add(killer);
        EncodeStopped.Reason reason = stopped;
        if (reason != null) {
            end(killer, reason);
        }
        return () -> running.remove(killer);
    }

    private void end(Killer killer, EncodeStopped.Reason reason) {
        long started = System.nanoTime();
        Killer.Ended ended = killer.terminate(GRACE);
        if (ended == null) {
            return;
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        String why = reason == EncodeStopped.Reason.CANCELLED ? "cancelled job"
                : reason == EncodeStopped.Reason.SHUTTING_DOWN ? "job (shutting down)" : "job (lease lost)";
        if (ended.gone()) {
            log.info("Stopped ffmpeg of {} {} (pid {}) in {} ms", why, jobId, ended.pid(), millis);
        } else {
            log.error("ffmpeg of {} {} (pid {}) is still running {} ms after it was killed", why, jobId, ended.pid(),
                    millis);
        }
    }

    /** Ends a {@link #watch}. */
    @FunctionalInterface
    interface Registration extends AutoCloseable {
        @Override
        void close();
    }
}
