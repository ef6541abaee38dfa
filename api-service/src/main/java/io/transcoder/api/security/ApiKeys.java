package io.transcoder.api.security;

import io.transcoder.jobs.Owners;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The configured API keys, held only as SHA-256 hashes: a key is looked up by its hash, so neither the
 * configuration nor a memory dump gives a key away. Several hashes per owner let a key be rotated without downtime.
 */
final class ApiKeys {

    private final Map<String, Owner> ownersByHash = new LinkedHashMap<>();

    ApiKeys(Map<String, List<String>> hashesByOwner) {
        hashesByOwner.forEach((owner, hashes) -> {
            if (!Owners.isValid(owner)) {
                throw new IllegalArgumentException("api.keys." + owner + ": an owner id is lower-case letters, digits, "
                        + "dots, dashes and underscores");
            }
            for (String hash : hashes) {
                Owner previous = ownersByHash.put(hash.toLowerCase(Locale.ROOT), new Owner(owner));
                if (previous != null) {
                    throw new IllegalArgumentException("One API key hash is configured for both " + previous + " and "
                            + owner);
                }
            }
        });
    }

    Optional<Owner> ownerOf(String key) {
        return Optional.ofNullable(ownersByHash.get(sha256(key)));
    }

    int size() {
        return ownersByHash.size();
    }

    static String sha256(String key) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }
}
