package io.transcoder.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code Transcoder-Signature} header of a webhook delivery: {@code t={unix seconds},v1={hex HMAC-SHA256}}, the
 * HMAC keyed with the owner's whole secret (its {@code whsec_} prefix included, as UTF-8) over the timestamp, a dot
 * and the raw body. A receiver recomputes it, compares in constant time, and refuses an old timestamp, so that a
 * recorded delivery cannot be replayed later.
 */
public final class WebhookSignature {

    public static final String HEADER = "Transcoder-Signature";

    private static final String ALGORITHM = "HmacSHA256";
    private static final Pattern FORMAT = Pattern.compile("t=(\\d{1,12}),v1=([0-9a-f]{64})");

    private WebhookSignature() {}

    /** The header's value for {@code body} sent at {@code timestamp}. */
    public static String header(String secret, Instant timestamp, byte[] body) {
        long seconds = timestamp.getEpochSecond();
        return "t=" + seconds + ",v1=" + hmacHex(secret.getBytes(StandardCharsets.UTF_8), signed(seconds, body));
    }

    /**
     * Whether the header signs {@code body} with {@code secret}, at most {@code tolerance} away from {@code now}.
     */
    public static boolean verify(String secret, String header, byte[] body, Instant now, Duration tolerance) {
        Matcher matcher = FORMAT.matcher(header.strip());
        if (!matcher.matches()) {
            return false;
        }
        long seconds = Long.parseLong(matcher.group(1));
        if (Math.abs(now.getEpochSecond() - seconds) > tolerance.toSeconds()) {
            return false;
        }
        byte[] expected = hmacHex(secret.getBytes(StandardCharsets.UTF_8), signed(seconds, body))
                .getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, matcher.group(2).getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] signed(long seconds, byte[] body) {
        byte[] prefix = (seconds + ".").getBytes(StandardCharsets.US_ASCII);
        byte[] signed = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, signed, 0, prefix.length);
        System.arraycopy(body, 0, signed, prefix.length, body.length);
        return signed;
    }

    static String hmacHex(byte[] key, String text) {
        return hmacHex(key, text.getBytes(StandardCharsets.UTF_8));
    }

    static String hmacHex(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            return HexFormat.of().formatHex(mac.doFinal(data));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("Cannot sign with " + ALGORITHM, e);
        }
    }
}
