package io.transcoder.messaging;

import java.util.Optional;
import org.springframework.dao.DataAccessResourceFailureException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Tells an outage, worth waiting out, from an error that trying again will not mend. */
final class Outages {

    private Outages() {}

    /** What is unreachable, in words for the job's owner, if {@code error} (or a cause of it) says something is. */
    static Optional<String> of(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof UnavailableException unavailable) {
                return Optional.of(unavailable.dependency());
            }
            if (cause instanceof SdkClientException
                    || cause instanceof S3Exception s3 && (s3.statusCode() >= 500 || s3.statusCode() == 429)) {
                return Optional.of("Storage");
            }
            if (cause instanceof DataAccessResourceFailureException) {
                return Optional.of("The job store (Redis)");
            }
        }
        return Optional.empty();
    }
}
