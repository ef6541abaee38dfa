package io.transcoder.jobs;

import java.util.regex.Pattern;

/**
 * Owner ids: the names API keys are configured under ({@code api.keys.{owner}}), which also name Redis keys, so
 * they keep to lower-case letters, digits, dots, dashes and underscores.
 */
public final class Owners {

    private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    private Owners() {}

    public static boolean isValid(String candidate) {
        return VALID.matcher(candidate).matches();
    }

    /** The owner, if it is a valid owner id; an invalid one is a programming or configuration error. */
    public static String requireValid(String owner) {
        if (owner == null || !isValid(owner)) {
            throw new IllegalArgumentException("Not a valid owner id (lower-case letters, digits, ., - and _): " + owner);
        }
        return owner;
    }
}
