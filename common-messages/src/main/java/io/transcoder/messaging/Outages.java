package io.transcoder.messaging;

import java.util.Optional;
import org.springframework.amqp.AmqpConnectException;
import org.springframework.amqp.AmqpIOException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.util.ClassUtils;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Tells an outage, worth waiting out, from an error that trying again will not mend. */
final class Outages {

    // the S3 SDK is optional in common-messages: a service without it (the encoder) meets no storage errors
    private static final boolean STORAGE_PRESENT =
            ClassUtils.isPresent("software.amazon.awssdk.services.s3.model.S3Exception", Outages.class.getClassLoader());

    private Outages() {}

    /**
     * What is unreachable, in words for the job's owner, if {@code error} (or a cause of it) says something other
     * than the broker is.
     */
    static Optional<String> of(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof UnavailableException unavailable) {
                return Optional.of(unavailable.dependency());
            }
            if (STORAGE_PRESENT && Storage.isOutage(cause)) {
                return Optional.of("Storage");
            }
            if (cause instanceof DataAccessResourceFailureException) {
                return Optional.of("The job store (Redis)");
            }
        }
        return Optional.empty();
    }

    /**
     * Whether the broker itself failed the stage (its connection, or the confirm of what the stage published): the
     * message cannot wait in a retry queue of a broker that is away, so it goes back to its own queue instead.
     */
    static boolean ofBroker(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof AmqpConnectException || cause instanceof AmqpIOException
                    || cause instanceof PublishFailedException) {
                return true;
            }
        }
        return false;
    }

    /** Loaded only where the S3 SDK is. */
    private static final class Storage {

        static boolean isOutage(Throwable cause) {
            return cause instanceof SdkClientException
                    || cause instanceof S3Exception s3 && (s3.statusCode() >= 500 || s3.statusCode() == 429);
        }
    }
}
