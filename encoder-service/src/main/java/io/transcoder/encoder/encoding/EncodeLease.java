package io.transcoder.encoder.encoding;

import java.util.concurrent.ScheduledFuture;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** This encoder's hold on one job ({@link EncodeLeases}); closing it gives the job up. */
final class EncodeLease implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EncodeLease.class);

    private final EncodeLeases leases;
    private final String jobId;
    private final String key;
    private final String token;
    private volatile @Nullable ScheduledFuture<?> renewal;
    private volatile boolean lost;
    private volatile Runnable onLost = () -> {};

    EncodeLease(EncodeLeases leases, String jobId, String key, String token) {
        this.leases = leases;
        this.jobId = jobId;
        this.key = key;
        this.token = token;
    }

    String jobId() {
        return jobId;
    }

    void renewing(ScheduledFuture<?> renewal) {
        this.renewal = renewal;
    }

    /** What to do once a renewal finds the lease gone (it lapsed, and another encoder may have taken it). */
    void whenLost(Runnable action) {
        onLost = action;
        if (lost) {
            action.run();
        }
    }

    /**
     * The fence before anything is published: renews the lease and answers whether it is still ours. A Redis that
     * cannot be reached is no answer: its exception propagates, and the message waits out the outage.
     */
    boolean confirm() {
        if (!lost && leases.renew(key, token)) {
            return true;
        }
        markLost();
        return false;
    }

    void renewInBackground() {
        try {
            if (!lost && !leases.renew(key, token)) {
                markLost();
            }
        } catch (RuntimeException e) {
            // while Redis is unreachable nobody else can take the lease either; the fence decides before publishing
            log.warn("Job {}: could not renew its encode lease: {}", jobId, e.getMessage());
        }
    }

    private void markLost() {
        if (lost) {
            return;
        }
        lost = true;
        stopRenewing();
        log.warn("Job {}: this encoder lost its encode lease (it lapsed); another encoder may have the job", jobId);
        onLost.run();
    }

    @Override
    public void close() {
        stopRenewing();
        try {
            leases.release(key, token);
        } catch (RuntimeException e) {
            log.warn("Job {}: could not give up its encode lease, which lapses by itself: {}", jobId, e.getMessage());
        }
    }

    private void stopRenewing() {
        ScheduledFuture<?> scheduled = renewal;
        if (scheduled != null) {
            scheduled.cancel(false);
        }
    }
}
