package io.transcoder.jobs;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/** Where a job stands. A job only moves forward, and never out of a terminal state. */
public enum JobState {

    QUEUED(0),
    DOWNLOADING(0),
    ENCODING(0),
    UPLOADING(90),
    COMPLETED(100),
    FAILED(-1),
    CANCELLED(-1);

    private final int progressFloor;

    JobState(int progressFloor) {
        this.progressFloor = progressFloor;
    }

    public boolean isTerminal() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }

    /** The overall progress a job has at least once it reaches this state, or -1 where the state says nothing. */
    int progressFloor() {
        return progressFloor;
    }

    /**
     * The states a job may move to this one from: earlier or equal ones (a redelivered message repeats its stage);
     * any unfinished one for a failure or a cancellation; none for QUEUED, which only a new job has.
     */
    Set<JobState> predecessors() {
        if (this == QUEUED) {
            return Set.of();
        }
        return Arrays.stream(values())
                .filter(state -> !state.isTerminal())
                .filter(state -> progressFloor < 0 || state.ordinal() <= ordinal())
                .collect(Collectors.toUnmodifiableSet());
    }
}
