package io.transcoder.storage;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.util.regex.Pattern;

/**
 * Signed, expiring links to one manifest of one job's rendition, served by the api-service at
 * {@code /api/jobs/{jobId}/outputs/{format}/{path}?expires={epoch seconds}&signature={HMAC-SHA256}}. The signature
 * covers the job, the format, the path and the expiry, so a link opens that one manifest until it expires and
 * nothing else; a player resolves a relative link found in the manifest against it, so the api-service signs
 * those with their query alone.
 */
public class ManifestLinks {

    private static final String ALGORITHM = "HmacSHA256";
    private static final int MIN_KEY_LENGTH = 32;
    // the encoder names every file of a rendition with these letters alone, so a path needs no escaping in a URL
    private static final Pattern LINKABLE_PATH = Pattern.compile("[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*");

    private final URI publicUrl;
    private final SecretKeySpec key;
    private final Clock clock;

    public ManifestLinks(LinkProperties links, Clock clock) {
        if (links.signingKey() == null || links.signingKey().length() < MIN_KEY_LENGTH) {
            throw new IllegalStateException("transcoder.links.signing-key must be set to a secret of at least "
                    + MIN_KEY_LENGTH + " characters (deploy/generate-env.sh makes one)");
        }
        this.publicUrl = links.publicUrl();
        this.key = new SecretKeySpec(links.signingKey().getBytes(StandardCharsets.UTF_8), ALGORITHM);
        this.clock = clock;
    }

    /** The absolute link, on the api-service's public address. */
    public URI link(String jobId, String format, String path, Instant expires) {
        if (!LINKABLE_PATH.matcher(path).matches()) {
            throw new IllegalArgumentException("Not a path a link can name: " + path);
        }
        String base = publicUrl.toString().replaceAll("/+$", "");
        return URI.create(base + "/api/jobs/" + jobId + "/outputs/" + format + "/" + path + "?"
                + query(jobId, format, path, expires));
    }

    /** The query that signs the manifest at {@code path}: {@code expires=...&signature=...}. */
    public String query(String jobId, String format, String path, Instant expires) {
        long epochSecond = expires.getEpochSecond();
        return "expires=" + epochSecond + "&signature=" + signature(jobId, format, path, epochSecond);
    }

    /** Whether the signature is the one this service would make for that manifest, and has not expired. */
    public boolean verify(String jobId, String format, String path, long expires, String signature) {
        if (clock.instant().getEpochSecond() >= expires) {
            return false;
        }
        byte[] expected = signature(jobId, format, path, expires).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII));
    }

    private String signature(String jobId, String format, String path, long expires) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            // fields joined by a character none of them holds, so that no two different links sign the same text
            byte[] signed = mac.doFinal(String.join("\n", jobId, format, path, Long.toString(expires))
                    .getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(signed);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("Cannot sign with " + ALGORITHM, e);
        }
    }
}
