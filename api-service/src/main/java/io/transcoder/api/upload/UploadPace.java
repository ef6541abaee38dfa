package io.transcoder.api.upload;

import io.transcoder.api.ApiProperties;
import java.io.IOException;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Watches how fast one request body arrives: slower than the minimum rate over a whole window, or longer than the
 * deadline altogether, and the next read fails. A client that sends nothing at all is cut off by the server's read
 * timeout instead ({@code server.tomcat.connection-timeout}), as no read returns to be watched.
 */
final class UploadPace {

    private final long minBytesPerWindow;
    private final long windowNanos;
    private final long deadlineNanos;
    private final LongSupplier nanoClock;
    private final long started;
    private long windowStarted;
    private long bytesInWindow;

    UploadPace(ApiProperties api, LongSupplier nanoClock) {
        this.windowNanos = api.minUploadRateWindow().toNanos();
        this.minBytesPerWindow = api.minUploadRate().toBytes() * api.minUploadRateWindow().toMillis() / 1000;
        this.deadlineNanos = api.uploadDeadline().toNanos();
        this.nanoClock = nanoClock;
        this.started = nanoClock.getAsLong();
        this.windowStarted = started;
    }

    /** Counts bytes that have just arrived; throws when the upload has become too slow. */
    void arrived(long bytes) throws TooSlowException {
        long now = nanoClock.getAsLong();
        if (now - started > deadlineNanos) {
            throw new TooSlowException("it took longer than " + Duration.ofNanos(deadlineNanos) + " altogether.");
        }
        bytesInWindow += Math.max(0, bytes);
        if (now - windowStarted >= windowNanos) {
            if (bytesInWindow < minBytesPerWindow) {
                throw new TooSlowException("it arrived at less than " + minBytesPerWindow * 1_000_000_000L / windowNanos
                        + " bytes per second.");
            }
            windowStarted = now;
            bytesInWindow = 0;
        }
    }

    /** The upload came too slowly; an IOException, so it ends the read that noticed it like a broken connection. */
    static final class TooSlowException extends IOException {

        TooSlowException(String why) {
            super(why);
        }
    }
}
