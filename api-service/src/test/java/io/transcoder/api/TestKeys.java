package io.transcoder.api;

/** The API keys configured for the tests (in config/application.yml, as their SHA-256 hashes), and their owners. */
public final class TestKeys {

    public static final String ALICE = "alice-test-key";
    public static final String BOB = "bob-test-key";

    private TestKeys() {}
}
