package io.transcoder.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class WebhookSignatureTests {

    private static final String SIGNING_KEY = "0123456789abcdef0123456789abcdef-installation";
    private static final byte[] BODY = "{\"id\":\"j:1:job.completed\",\"type\":\"job.completed\"}"
            .getBytes(StandardCharsets.UTF_8);
    private static final Instant SENT = Instant.parse("2026-05-01T12:00:00Z");

    private final WebhookSecrets secrets = new WebhookSecrets(SIGNING_KEY);

    @Test
    void derivesEachOwnersSecretFromTheSigningKey() throws Exception {
        String secret = secrets.secret("alice");

        assertThat(secret).startsWith("whsec_").hasSize(6 + 64)
                .isEqualTo("whsec_" + hmacHex(SIGNING_KEY, "webhook-secret:alice"));
        assertThat(secrets.secret("alice")).isEqualTo(secret);
        assertThat(secrets.secret("bob")).isNotEqualTo(secret);
        assertThat(new WebhookSecrets(SIGNING_KEY + "-rotated").secret("alice")).isNotEqualTo(secret);
    }

    @Test
    void needsASigningKeyOfAtLeast32Characters() {
        assertThatThrownBy(() -> new WebhookSecrets(null)).hasMessageContaining("transcoder.links.signing-key");
        assertThatThrownBy(() -> new WebhookSecrets("too-short")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void signsTheTimestampADotAndTheRawBodyWithTheWholeSecret() throws Exception {
        String secret = secrets.secret("alice");

        String header = WebhookSignature.header(secret, SENT, BODY);

        long t = SENT.getEpochSecond();
        assertThat(header).isEqualTo("t=" + t + ",v1=" + hmacHex(secret, t + "." + new String(BODY, StandardCharsets.UTF_8)));
    }

    @Test
    void verifiesOnlyTheSameBodyWithTheSameSecretInTime() {
        String secret = secrets.secret("alice");
        String header = WebhookSignature.header(secret, SENT, BODY);
        Duration tolerance = Duration.ofMinutes(5);

        assertThat(WebhookSignature.verify(secret, header, BODY, SENT.plusSeconds(30), tolerance)).isTrue();
        assertThat(WebhookSignature.verify(secret, header, "{}".getBytes(StandardCharsets.UTF_8), SENT, tolerance))
                .as("another body").isFalse();
        assertThat(WebhookSignature.verify(secrets.secret("bob"), header, BODY, SENT, tolerance))
                .as("another owner's secret").isFalse();
        assertThat(WebhookSignature.verify(secret, header, BODY, SENT.plus(Duration.ofMinutes(6)), tolerance))
                .as("replayed later").isFalse();
        assertThat(WebhookSignature.verify(secret, header.replace("t=" + SENT.getEpochSecond(),
                "t=" + (SENT.getEpochSecond() + 1)), BODY, SENT, tolerance)).as("another timestamp").isFalse();
        assertThat(WebhookSignature.verify(secret, "v1=abc", BODY, SENT, tolerance)).as("malformed").isFalse();
    }

    @Test
    void namesEachEventByJobAttemptAndType() {
        assertThat(WebhookEvent.COMPLETED.id("j1", 2)).isEqualTo("j1:2:job.completed");
        assertThat(WebhookEvent.FAILED.type()).isEqualTo("job.failed");
        assertThat(WebhookEvent.CANCELLED.type()).isEqualTo("job.cancelled");
    }

    private static String hmacHex(String key, String text) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    }
}
