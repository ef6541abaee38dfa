package io.transcoder.jobs;

/** What {@link JobStore#claimNotification} found. */
public enum NotificationClaim {
    /** This notifier may send the email now. */
    CLAIMED,
    /** Another notifier is sending it: try again once its claim has lapsed. */
    BUSY,
    /** The email went (or was suppressed) already. */
    SETTLED,
    /** No such job (expired?). */
    UNKNOWN
}
