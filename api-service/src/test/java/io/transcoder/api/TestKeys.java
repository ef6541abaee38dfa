package io.transcoder.api;

/** The API keys configured for the tests (in config/application.yml, as their SHA-256 hashes), and their owners. */
public final class TestKeys {

    public static final String ALICE = "alice-test-key";
    public static final String BOB = "bob-test-key";
    /** Used only where the owner limits are tested. */
    public static final String CAROL = "carol-test-key";
    public static final String DAVE = "dave-test-key";

    private TestKeys() {}
}
