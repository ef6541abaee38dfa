package io.transcoder.webhooks;

/** A callback URL that {@link CallbackUrlPolicy} refuses; the message says why, in a sentence for its owner. */
public class CallbackUrlRefusedException extends RuntimeException {

    private final boolean unresolved;

    CallbackUrlRefusedException(String reason, boolean unresolved) {
        super(reason);
        this.unresolved = unresolved;
    }

    /**
     * Whether the URL was refused only because its host did not resolve: a name that is not (yet, or just now) in
     * DNS, rather than a URL that may never be called.
     */
    public boolean unresolved() {
        return unresolved;
    }
}
