package io.transcoder.messaging;

/**
 * Something a stage needs is unreachable for now (the mail server, say): the stage's message waits in the broker and
 * comes back later, until its service's retry budget is spent. Storage and Redis errors count as such by themselves
 * ({@link Outages}); a stage throws this for what only it knows.
 */
public class UnavailableException extends RuntimeException {

    private final String dependency;

    /** @param dependency what is unreachable, in words for the job's owner: {@code "The mail server"} */
    public UnavailableException(String dependency, Throwable cause) {
        super(dependency + " is unreachable: " + cause.getMessage(), cause);
        this.dependency = dependency;
    }

    public String dependency() {
        return dependency;
    }
}
