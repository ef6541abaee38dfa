package io.transcoder.webhooks;

import io.transcoder.jobs.Owners;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * Each owner's webhook secret, derived rather than stored: {@code whsec_} followed by the hex HMAC-SHA256 of
 * {@code "webhook-secret:" + owner} under the installation's link-signing key ({@code transcoder.links.signing-key}).
 * The api-service shows it to its owner, the notifier signs with it; both derive the same one, and changing the
 * signing key changes every owner's secret.
 */
public class WebhookSecrets {

    public static final String PREFIX = "whsec_";

    private static final int MIN_KEY_LENGTH = 32;

    private final byte[] signingKey;

    public WebhookSecrets(@Nullable String signingKey) {
        if (signingKey == null || signingKey.length() < MIN_KEY_LENGTH) {
            throw new IllegalStateException("transcoder.links.signing-key must be set to a secret of at least "
                    + MIN_KEY_LENGTH + " characters: webhook secrets are derived from it");
        }
        this.signingKey = signingKey.getBytes(StandardCharsets.UTF_8);
    }

    /** The owner's secret, {@code whsec_} and 64 hex digits. */
    public String secret(String owner) {
        Owners.requireValid(owner);
        return PREFIX + WebhookSignature.hmacHex(signingKey, "webhook-secret:" + owner);
    }
}
