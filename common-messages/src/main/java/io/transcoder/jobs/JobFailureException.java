package io.transcoder.jobs;

/** A stage cannot do its work for this job, and trying again would not help: the job fails with this code. */
public class JobFailureException extends RuntimeException {

    private final FailureCode code;

    public JobFailureException(FailureCode code, String reason) {
        super(reason);
        this.code = code;
    }

    public JobFailureException(FailureCode code, String reason, Throwable cause) {
        super(reason, cause);
        this.code = code;
    }

    public FailureCode code() {
        return code;
    }
}
