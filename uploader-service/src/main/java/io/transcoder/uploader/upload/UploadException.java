package io.transcoder.uploader.upload;

import io.transcoder.jobs.FailureCode;
import io.transcoder.jobs.JobFailureException;

/** Why the uploader fails a job for good. */
class UploadException extends JobFailureException {

    private UploadException(FailureCode code, String reason) {
        super(code, reason);
    }

    static UploadException jobEnded() {
        return new UploadException(FailureCode.STAGE_ERROR, "The job ended while its renditions were being stored.");
    }

    static UploadException outputMissing(String format) {
        return new UploadException(FailureCode.STAGE_ERROR,
                "The " + format + " rendition was lost before it could be stored.");
    }
}
