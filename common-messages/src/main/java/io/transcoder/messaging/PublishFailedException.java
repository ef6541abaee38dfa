package io.transcoder.messaging;

import org.springframework.amqp.AmqpException;

/** The broker did not take a message: it refused it, could not route it, or did not confirm it in time. */
public class PublishFailedException extends AmqpException {

    PublishFailedException(String message) {
        super(message);
    }

    PublishFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
