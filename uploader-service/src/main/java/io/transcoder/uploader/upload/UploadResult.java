package io.transcoder.uploader.upload;

import io.transcoder.jobs.FailureCode;
import io.transcoder.messages.UploadCompleted;

/** What became of a job's renditions, and so what the listener tells whom. */
sealed interface UploadResult
        permits UploadResult.Uploaded, UploadResult.UploadedBefore, UploadResult.Rejected, UploadResult.Unwanted {

    /** Every rendition is stored and the job COMPLETED: the announcement is due. */
    record Uploaded(UploadCompleted announcement) implements UploadResult {}

    /**
     * An earlier delivery of the message completed the job; its announcement may never have gone out, so it is due
     * again (the notifier sends one email, whatever it receives).
     */
    record UploadedBefore(UploadCompleted announcement) implements UploadResult {}

    /**
     * The renditions cannot be stored, and trying again would not help, or there is nothing to store and the job has
     * no rendition at all: the job fails with this reason.
     */
    record Rejected(FailureCode code, String reason) implements UploadResult {

        static Rejected fileMissing(String format, String path) {
            return new Rejected(FailureCode.STAGE_ERROR,
                    "The " + format + " rendition lost its file " + path + " before it could be stored.");
        }

        static Rejected nothingMade(int attempt) {
            return new Rejected(FailureCode.STAGE_ERROR, "Attempt " + attempt + " of the job made no rendition.");
        }
    }

    /**
     * The job is unknown, or ended otherwise (failed, cancelled) before or while its renditions were stored, or has
     * moved on to another attempt: there is nothing to announce, and what was stored is gone again.
     *
     * @param movedOn the job is on another attempt, whose work directory it is now
     */
    record Unwanted(String why, boolean movedOn) implements UploadResult {}
}
