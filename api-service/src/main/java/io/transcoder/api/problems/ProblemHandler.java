package io.transcoder.api.problems;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpConnectException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Every error the API answers is an RFC 9457 problem detail: ours ({@link ApiException}, answered like Spring MVC's
 * own by the base class), an unreachable store or broker (503), and anything unexpected (500, details in the log).
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    @ExceptionHandler({DataAccessResourceFailureException.class, AmqpConnectException.class, SdkException.class})
    ResponseEntity<ProblemDetail> onUnreachable(Exception e) {
        log.error("A backing service is unreachable", e);
        ApiException unavailable = ApiException.unavailable("A backing service");
        return ResponseEntity.status(unavailable.getStatusCode()).body(unavailable.getBody());
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> onUnexpected(Exception e) {
        log.error("Unexpected error", e);
        return ResponseEntity.internalServerError()
                .body(ProblemType.INTERNAL_ERROR.problem("Something went wrong on our side; it has been logged."));
    }
}
