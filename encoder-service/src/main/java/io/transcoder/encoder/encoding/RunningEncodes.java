package io.transcoder.encoder.encoding;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.stereotype.Component;

/**
 * The encodes this encoder runs, by job, for whatever must stop them: a cancel heard on the job's channel
 * ({@link JobCancellations}), or the application closing. A context close is announced before any lifecycle bean
 * stops, so ffmpeg is gone and the message handed back while the listener container still has its channel.
 */
@Component
class RunningEncodes implements ApplicationListener<ContextClosedEvent> {

    private final Map<String, EncodeGuard> running = new ConcurrentHashMap<>();
    private volatile boolean closing;

    /** Guards an encode of the lease's job, fenced by the lease; a lost lease stops it. End it with {@link #end}. */
    EncodeGuard start(EncodeLease lease) {
        EncodeGuard guard = new EncodeGuard(lease.jobId(), lease::confirm);
        running.put(lease.jobId(), guard);
        lease.whenLost(() -> guard.stop(EncodeStopped.Reason.LEASE_LOST));
        // after the put: either this sees the close, or the close sees this encode
        if (closing) {
            guard.stop(EncodeStopped.Reason.SHUTTING_DOWN);
        }
        return guard;
    }

    void end(EncodeGuard guard) {
        running.remove(guard.jobId(), guard);
    }

    /** Stops the job's encode if this encoder runs it. */
    void cancel(String jobId) {
        EncodeGuard guard = running.get(jobId);
        if (guard != null) {
            guard.stop(EncodeStopped.Reason.CANCELLED);
        }
    }

    boolean closing() {
        return closing;
    }

    @Override
    public void onApplicationEvent(ContextClosedEvent event) {
        closing = true;
        running.values().parallelStream().forEach(guard -> guard.stop(EncodeStopped.Reason.SHUTTING_DOWN));
    }
}
