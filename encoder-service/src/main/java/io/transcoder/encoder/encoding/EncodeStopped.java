package io.transcoder.encoder.encoding;

/**
 * An encode was stopped from outside, which says nothing about the job's source or formats: it must neither fail the
 * job nor count as a failed format. {@link SourceDownloadedListener} decides what becomes of the message.
 */
final class EncodeStopped extends RuntimeException {

    enum Reason {
        /** The job was cancelled: its message is done with. */
        CANCELLED,
        /** This encoder is shutting down: the message goes back to the broker. */
        SHUTTING_DOWN,
        /** The job's lease lapsed and another encoder may hold it: the message waits and asks again. */
        LEASE_LOST
    }

    private final Reason reason;

    EncodeStopped(String jobId, Reason reason) {
        super("The encode of job " + jobId + " was stopped: " + reason);
        this.reason = reason;
    }

    Reason reason() {
        return reason;
    }
}
