package io.transcoder.downloader.space;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the work volume has room for another source. It keeps {@code downloader.min-free-space} free: a source is
 * downloaded only if it fits above that. When one does not fit, or the volume falls below its minimum, the gate
 * closes for every job until the missing room is there, and the jobs wait in their queue meanwhile, not in the
 * downloader.
 *
 * <p>Knows nothing about messaging: the listener asks {@link #runIfRoom}; whoever controls its intake calls
 * {@link #check} now and then and stops taking jobs while the gate is {@linkplain #isQuiet quiet}.
 */
public class SpaceGate {

    private static final Logger log = LoggerFactory.getLogger(SpaceGate.class);

    private final FreeSpace freeSpace;
    private final long minFree;
    private final Clock clock;
    private @Nullable Waiting waiting; // null while open; guarded by this
    private int downloading; // guarded by this
    private volatile Runnable onQuiet = () -> {};

    public SpaceGate(FreeSpace freeSpace, long minFree, Clock clock) {
        this.freeSpace = freeSpace;
        this.minFree = minFree;
        this.clock = clock;
    }

    /**
     * Runs the download if the source fits above the minimum; looks its size up only while the gate is open. A job
     * that finds the gate closed while another download still runs waits for that one to end first: it may free
     * room, and until it ends the downloader cannot stop taking jobs anyway.
     *
     * @return false, without running it, if there is no room: the job should wait in its queue
     */
    public boolean runIfRoom(String jobId, LongSupplier sourceSize, Runnable download) {
        if (!awaitOpenOrQuiet()) {
            announceIfQuiet();
            return false;
        }
        long needed = plus(minFree, sourceSize.getAsLong());
        boolean fits;
        synchronized (this) {
            fits = awaitOpenOrQuiet() && fitsOrClose(needed, "the source of job " + jobId + " does not fit");
            if (fits) {
                downloading++;
            }
        }
        if (!fits) {
            announceIfQuiet();
            return false;
        }
        try {
            download.run();
            return true;
        } finally {
            synchronized (this) {
                downloading--;
                notifyAll();
            }
            announceIfQuiet();
        }
    }

    /**
     * Reads the free space again: closes the gate when the volume has fallen below its minimum, opens it once the
     * room it waits for is there.
     *
     * @return whether the gate is open
     */
    public synchronized boolean check() {
        if (waiting == null) {
            return fitsOrClose(minFree, "the volume is below its minimum");
        }
        long free = freeSpace.usableBytes();
        if (free < waiting.needed()) {
            return false;
        }
        log.info("The work volume has {} bytes free again, {} needed: taking jobs again", free, waiting.needed());
        waiting = null;
        notifyAll();
        return true;
    }

    /** Closed, and no download running: nothing holds a job, so nothing should take one. */
    public synchronized boolean isQuiet() {
        return waiting != null && downloading == 0;
    }

    public synchronized Optional<Waiting> waiting() {
        return Optional.ofNullable(waiting);
    }

    public long minFree() {
        return minFree;
    }

    public long freeBytes() {
        return freeSpace.usableBytes();
    }

    /**
     * Run on the listener's thread whenever a job leaves the gate {@linkplain #isQuiet quiet}: it found the gate
     * closed, closed it, or ended the last download while it was closed. Should be quick and idempotent.
     */
    public void onQuiet(Runnable action) {
        this.onQuiet = action;
    }

    // only while open: the first thing that does not fit closes the gate, and says so once
    private synchronized boolean fitsOrClose(long needed, String otherwise) {
        long free = freeSpace.usableBytes();
        if (free >= needed) {
            return true;
        }
        waiting = new Waiting(needed, clock.instant());
        log.warn("The work volume has {} bytes free, {} needed ({}; downloader.min-free-space keeps {}): "
                + "taking no jobs until there is room; they wait in their queue", free, needed, otherwise, minFree);
        return false;
    }

    private synchronized boolean awaitOpenOrQuiet() {
        try {
            while (waiting != null && downloading > 0) {
                wait();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return waiting == null;
    }

    // outside the lock: the action may well look at the gate from another thread
    private void announceIfQuiet() {
        if (isQuiet()) {
            onQuiet.run();
        }
    }

    private static long plus(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }

    /** Closed since {@code since}, until the volume has {@code needed} bytes free. */
    public record Waiting(long needed, Instant since) {}
}
