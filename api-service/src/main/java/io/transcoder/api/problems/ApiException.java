package io.transcoder.api.problems;

import io.transcoder.jobs.JobState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.util.unit.DataSize;
import org.springframework.web.ErrorResponseException;

/**
 * A request the API refuses, as an RFC 9457 problem: one of the {@link ProblemType}s (its status, type and title), a
 * detail, sometimes extra members that help the client fix the request, and for limits a {@code Retry-After}. Spring
 * MVC answers it as it answers its own {@link ErrorResponseException}s.
 */
public class ApiException extends ErrorResponseException {

    private ApiException(ProblemType type, String detail, Map<String, Object> properties) {
        super(type.status(), type.problem(detail), null);
        properties.forEach(getBody()::setProperty);
    }

    private ApiException retryAfter(Duration wait) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        getHeaders().set(HttpHeaders.RETRY_AFTER, String.valueOf(seconds));
        getBody().setProperty("retryAfterSeconds", seconds);
        return this;
    }

    public static ApiException notMultipart() {
        return new ApiException(ProblemType.NOT_MULTIPART,
                "Send the video as multipart/form-data with the parts file, formats and email.", Map.of());
    }

    public static ApiException malformedUpload(String why) {
        return new ApiException(ProblemType.MALFORMED_UPLOAD, "The multipart body could not be read: " + why, Map.of());
    }

    public static ApiException missingFile() {
        return new ApiException(ProblemType.MISSING_FILE,
                "The upload has no part named 'file' holding a video.", Map.of());
    }

    public static ApiException severalFiles() {
        return new ApiException(ProblemType.SEVERAL_FILES,
                "A job takes exactly one video in the part named 'file'.", Map.of());
    }

    public static ApiException emptyFile() {
        return new ApiException(ProblemType.EMPTY_FILE, "The part named 'file' is empty.", Map.of());
    }

    public static ApiException missingFormats(List<String> valid) {
        return new ApiException(ProblemType.MISSING_FORMATS,
                "Name one or more formats in the part 'formats' (repeated, or separated by commas).",
                Map.of("validFormats", valid));
    }

    public static ApiException unknownFormats(List<String> unknown, List<String> valid) {
        return new ApiException(ProblemType.UNKNOWN_FORMAT,
                "Unknown format " + String.join(", ", unknown) + "; valid formats are " + String.join(", ", valid) + ".",
                Map.of("unknownFormats", unknown, "validFormats", valid));
    }

    public static ApiException invalidEmail(String why) {
        return new ApiException(ProblemType.INVALID_EMAIL,
                "The part 'email' must hold one valid address to send the result to: " + why, Map.of());
    }

    /** A callback URL refused against server-side request forgery: why, in a sentence. */
    public static ApiException invalidCallbackUrl(String why) {
        return new ApiException(ProblemType.INVALID_CALLBACK_URL,
                "The part 'callbackUrl' must hold an http or https URL the service may call: " + why, Map.of());
    }

    public static ApiException fieldTooLong(String field, int limit) {
        return new ApiException(ProblemType.FIELD_TOO_LONG,
                "The part '" + field + "' is longer than " + limit + " bytes.", Map.of("field", field));
    }

    public static ApiException uploadTooLarge(DataSize limit) {
        return new ApiException(ProblemType.UPLOAD_TOO_LARGE,
                "The video is larger than the limit of " + limit.toMegabytes() + " MB.",
                Map.of("maxBytes", limit.toBytes()));
    }

    public static ApiException tooManyParts(int limit) {
        return new ApiException(ProblemType.TOO_MANY_PARTS,
                "An upload has at most " + limit + " parts: file, formats and email.", Map.of("maxParts", limit));
    }

    public static ApiException fieldsTooLarge(DataSize limit) {
        return new ApiException(ProblemType.FIELDS_TOO_LARGE,
                "The text parts of an upload hold at most " + limit.toBytes() + " bytes together.",
                Map.of("maxBytes", limit.toBytes()));
    }

    public static ApiException uploadTooSlow(String why) {
        return new ApiException(ProblemType.UPLOAD_TOO_SLOW, "The upload was cut off: " + why, Map.of());
    }

    public static ApiException tooManyUnfinishedJobs(int limit, Duration retryAfter) {
        return new ApiException(ProblemType.TOO_MANY_JOBS,
                "You have " + limit + " jobs that have not finished yet, the most at once; submit again when one has.",
                Map.of("maxUnfinishedJobs", limit)).retryAfter(retryAfter);
    }

    public static ApiException tooManySubmissions(int limit, Duration retryAfter) {
        return new ApiException(ProblemType.TOO_MANY_SUBMISSIONS,
                "You may submit " + limit + " jobs a minute.", Map.of("maxSubmissionsPerMinute", limit))
                .retryAfter(retryAfter);
    }

    public static ApiException tooManyStreams(int limit) {
        return new ApiException(ProblemType.TOO_MANY_STREAMS,
                "You have " + limit + " event streams open, the most at once; close one first.",
                Map.of("maxEventStreams", limit)).retryAfter(Duration.ofSeconds(10));
    }

    public static ApiException backlogFull(Duration retryAfter) {
        return new ApiException(ProblemType.BUSY,
                "So many jobs are waiting to be encoded that no more are taken right now. Try again later.", Map.of())
                .retryAfter(retryAfter);
    }

    public static ApiException jobNotFound() {
        return new ApiException(ProblemType.JOB_NOT_FOUND, "There is no such job (or it has expired).", Map.of());
    }

    /** Only an unfinished job can be cancelled. */
    public static ApiException jobEnded(JobState state) {
        return new ApiException(ProblemType.JOB_ENDED,
                "The job has already ended (it is " + state + "); only an unfinished job can be cancelled.",
                Map.of("state", state.name()));
    }

    /** A job whose retry could not make anything new: why, in a sentence. */
    public static ApiException notRetryable(JobState state, String why) {
        return new ApiException(ProblemType.NOT_RETRYABLE,
                "The job cannot be retried: " + why, Map.of("state", state.name()));
    }

    /** A {@code cursor} that no page's {@code next} gave: damaged, made up, or from another API. */
    public static ApiException invalidCursor() {
        return new ApiException(ProblemType.INVALID_CURSOR,
                "The parameter 'cursor' must be the 'next' of a previous page, exactly as it was given; leave it out "
                        + "for the first page.", Map.of());
    }

    public static ApiException invalidStates(List<String> unknown, List<String> valid) {
        return new ApiException(ProblemType.INVALID_STATE,
                "Unknown state " + String.join(", ", unknown) + "; valid states are " + String.join(", ", valid) + ".",
                Map.of("unknownStates", unknown, "validStates", valid));
    }

    public static ApiException invalidLimit(int min, int max) {
        return new ApiException(ProblemType.INVALID_LIMIT,
                "The parameter 'limit' must be a whole number from " + min + " to " + max + ".",
                Map.of("minLimit", min, "maxLimit", max));
    }

    public static ApiException invalidIdempotencyKey() {
        return new ApiException(ProblemType.INVALID_IDEMPOTENCY_KEY,
                "The Idempotency-Key header must hold 1 to 255 visible ASCII characters.", Map.of());
    }

    public static ApiException idempotencyKeyInUse() {
        return new ApiException(ProblemType.IDEMPOTENCY_KEY_IN_USE,
                "A request with this Idempotency-Key is still being processed; repeat it once that one is answered.",
                Map.of()).retryAfter(Duration.ofSeconds(10));
    }

    public static ApiException idempotencyKeyReused(String jobId) {
        return new ApiException(ProblemType.IDEMPOTENCY_KEY_REUSED,
                "This Idempotency-Key was used in the last 24 hours for a different request (job " + jobId
                        + "); a new request needs a new key.", Map.of("jobId", jobId));
    }

    /** A manifest link without its signature, with one that does not match, or with an unreadable expiry. */
    public static ApiException linkInvalid() {
        return new ApiException(ProblemType.LINK_INVALID,
                "This link is incomplete or its signature does not match; use a link exactly as the API gave it.",
                Map.of());
    }

    public static ApiException linkExpired(Instant expiredAt) {
        return new ApiException(ProblemType.LINK_EXPIRED,
                "This link expired at " + expiredAt + "; the job's answer (GET /api/jobs/{id}) has fresh links.",
                Map.of("expiredAt", expiredAt.toString()));
    }

    /** A job that has no such manifest: not finished, without that format, or without that file. */
    public static ApiException outputNotFound() {
        return new ApiException(ProblemType.OUTPUT_NOT_FOUND,
                "The job has no such manifest (or it has expired).", Map.of());
    }

    /** A stored manifest that must not be served: it names what is not a file of its rendition, or is too large. */
    public static ApiException brokenManifest() {
        return new ApiException(ProblemType.BROKEN_MANIFEST,
                "The stored manifest is not one this service serves (it names something outside its rendition, or "
                        + "is too large); this has been logged.", Map.of());
    }

    public static ApiException unavailable(String what) {
        return new ApiException(ProblemType.UNAVAILABLE,
                what + " is unavailable right now. Try again later.", Map.of());
    }
}
