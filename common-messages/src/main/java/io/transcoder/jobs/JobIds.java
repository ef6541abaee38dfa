package io.transcoder.jobs;

import java.util.UUID;
import java.util.regex.Pattern;

/** Job ids: random UUIDs in their canonical lower-case form, which is also how they name keys and folders. */
public final class JobIds {

    private static final Pattern CANONICAL =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private JobIds() {}

    public static String next() {
        return UUID.randomUUID().toString();
    }

    public static boolean isJobId(String candidate) {
        return CANONICAL.matcher(candidate).matches();
    }
}
