package io.transcoder.jobs;

/**
 * What a job is doing, for people watching it: its state, with the encoder's steps told apart (it probes the source,
 * encodes it, then checks every rendition before it lets them go).
 */
public enum JobPhase {
    QUEUED,
    DOWNLOADING,
    PROBING,
    ENCODING,
    CHECKING,
    UPLOADING,
    COMPLETED,
    FAILED,
    CANCELLED;

    /** The phase a job in this state is in when its stage said nothing more precise. */
    static JobPhase of(JobState state) {
        return valueOf(state.name());
    }
}
