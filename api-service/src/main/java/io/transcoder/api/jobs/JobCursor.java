package io.transcoder.api.jobs;

import io.transcoder.api.problems.ApiException;
import io.transcoder.jobs.JobIds;
import io.transcoder.jobs.JobStore.ListPosition;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code cursor} of a page of jobs: where the previous page ended (the creation time and id of its last job), as
 * opaque URL-safe text. It names a place, not a count, so jobs that arrive or expire meanwhile shift nothing.
 * Anything that is not exactly what {@link #of} makes is refused.
 */
final class JobCursor {

    private static final Pattern FORM = Pattern.compile("j1:([0-9]{1,15}):([0-9a-f-]{36})");
    private static final int LONGEST = 80;

    private JobCursor() {}

    static String of(ListPosition position) {
        String plain = "j1:" + position.createdAt() + ":" + position.jobId();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.US_ASCII));
    }

    /** The position a cursor names; a cursor that {@link #of} did not make is a 400 problem. */
    static ListPosition parse(String cursor) {
        if (cursor.isEmpty() || cursor.length() > LONGEST) {
            throw ApiException.invalidCursor();
        }
        String plain;
        try {
            plain = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.ISO_8859_1);
        } catch (IllegalArgumentException notBase64) {
            throw ApiException.invalidCursor();
        }
        Matcher matcher = FORM.matcher(plain);
        if (!matcher.matches() || !JobIds.isJobId(matcher.group(2))) {
            throw ApiException.invalidCursor();
        }
        ListPosition position = new ListPosition(Long.parseLong(matcher.group(1)), matcher.group(2));
        if (!of(position).equals(cursor)) { // another spelling of the same bytes (padding, leading zeros)
            throw ApiException.invalidCursor();
        }
        return position;
    }
}
