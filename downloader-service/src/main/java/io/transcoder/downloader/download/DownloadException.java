package io.transcoder.downloader.download;

import io.transcoder.jobs.FailureCode;
import io.transcoder.jobs.JobFailureException;

/** Why the downloader fails a job for good. */
class DownloadException extends JobFailureException {

    private DownloadException(FailureCode code, String reason, Throwable cause) {
        super(code, reason, cause);
    }

    static DownloadException sourceMissing(Throwable cause) {
        return new DownloadException(FailureCode.SOURCE_MISSING,
                "The uploaded video is no longer in storage, so it could not be transcoded.", cause);
    }
}
