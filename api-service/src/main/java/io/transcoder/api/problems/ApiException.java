package io.transcoder.api.problems;

import io.transcoder.jobs.JobState;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.util.unit.DataSize;
import org.springframework.web.ErrorResponseException;

/**
 * A request the API refuses, as an RFC 9457 problem: a status, a type ({@code /problems/{slug}}), a title, a detail,
 * sometimes extra members that help the client fix the request, and for limits a {@code Retry-After}. Spring MVC
 * answers it as it answers its own {@link ErrorResponseException}s.
 */
public class ApiException extends ErrorResponseException {

    private ApiException(HttpStatus status, String slug, String title, String detail, Map<String, Object> properties) {
        super(status, problem(status, slug, title, detail, properties), null);
    }

    private static ProblemDetail problem(HttpStatus status, String slug, String title, String detail,
            Map<String, Object> properties) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("/problems/" + slug));
        problem.setTitle(title);
        properties.forEach(problem::setProperty);
        return problem;
    }

    private ApiException retryAfter(Duration wait) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        getHeaders().set(HttpHeaders.RETRY_AFTER, String.valueOf(seconds));
        getBody().setProperty("retryAfterSeconds", seconds);
        return this;
    }

    public static ApiException notMultipart() {
        return new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "not-multipart", "Not a multipart upload",
                "Send the video as multipart/form-data with the parts file, formats and email.", Map.of());
    }

    public static ApiException malformedUpload(String why) {
        return new ApiException(HttpStatus.BAD_REQUEST, "malformed-upload", "Malformed upload",
                "The multipart body could not be read: " + why, Map.of());
    }

    public static ApiException missingFile() {
        return new ApiException(HttpStatus.BAD_REQUEST, "missing-file", "No video",
                "The upload has no part named 'file' holding a video.", Map.of());
    }

    public static ApiException severalFiles() {
        return new ApiException(HttpStatus.BAD_REQUEST, "several-files", "More than one video",
                "A job takes exactly one video in the part named 'file'.", Map.of());
    }

    public static ApiException emptyFile() {
        return new ApiException(HttpStatus.BAD_REQUEST, "empty-file", "Empty video",
                "The part named 'file' is empty.", Map.of());
    }

    public static ApiException missingFormats(List<String> valid) {
        return new ApiException(HttpStatus.BAD_REQUEST, "missing-formats", "No format",
                "Name one or more formats in the part 'formats' (repeated, or separated by commas).",
                Map.of("validFormats", valid));
    }

    public static ApiException unknownFormats(List<String> unknown, List<String> valid) {
        return new ApiException(HttpStatus.BAD_REQUEST, "unknown-format", "Unknown format",
                "Unknown format " + String.join(", ", unknown) + "; valid formats are " + String.join(", ", valid) + ".",
                Map.of("unknownFormats", unknown, "validFormats", valid));
    }

    public static ApiException invalidEmail(String why) {
        return new ApiException(HttpStatus.BAD_REQUEST, "invalid-email", "Invalid email address",
                "The part 'email' must hold one valid address to send the result to: " + why, Map.of());
    }

    /** A callback URL refused against server-side request forgery: why, in a sentence. */
    public static ApiException invalidCallbackUrl(String why) {
        return new ApiException(HttpStatus.BAD_REQUEST, "invalid-callback-url", "Invalid callback URL",
                "The part 'callbackUrl' must hold an http or https URL the service may call: " + why, Map.of());
    }

    public static ApiException fieldTooLong(String field, int limit) {
        return new ApiException(HttpStatus.BAD_REQUEST, "field-too-long", "Field too long",
                "The part '" + field + "' is longer than " + limit + " bytes.", Map.of("field", field));
    }

    public static ApiException uploadTooLarge(DataSize limit) {
        return new ApiException(HttpStatus.CONTENT_TOO_LARGE, "upload-too-large", "Video too large",
                "The video is larger than the limit of " + limit.toMegabytes() + " MB.",
                Map.of("maxBytes", limit.toBytes()));
    }

    public static ApiException tooManyParts(int limit) {
        return new ApiException(HttpStatus.BAD_REQUEST, "too-many-parts", "Too many parts",
                "An upload has at most " + limit + " parts: file, formats and email.", Map.of("maxParts", limit));
    }

    public static ApiException fieldsTooLarge(DataSize limit) {
        return new ApiException(HttpStatus.BAD_REQUEST, "fields-too-large", "Fields too large",
                "The text parts of an upload hold at most " + limit.toBytes() + " bytes together.",
                Map.of("maxBytes", limit.toBytes()));
    }

    public static ApiException uploadTooSlow(String why) {
        return new ApiException(HttpStatus.REQUEST_TIMEOUT, "upload-too-slow", "Upload too slow",
                "The upload was cut off: " + why, Map.of());
    }

    public static ApiException tooManyUnfinishedJobs(int limit, Duration retryAfter) {
        return new ApiException(HttpStatus.TOO_MANY_REQUESTS, "too-many-jobs", "Too many unfinished jobs",
                "You have " + limit + " jobs that have not finished yet, the most at once; submit again when one has.",
                Map.of("maxUnfinishedJobs", limit)).retryAfter(retryAfter);
    }

    public static ApiException tooManySubmissions(int limit, Duration retryAfter) {
        return new ApiException(HttpStatus.TOO_MANY_REQUESTS, "too-many-submissions", "Too many submissions",
                "You may submit " + limit + " jobs a minute.", Map.of("maxSubmissionsPerMinute", limit))
                .retryAfter(retryAfter);
    }

    public static ApiException tooManyStreams(int limit) {
        return new ApiException(HttpStatus.TOO_MANY_REQUESTS, "too-many-streams", "Too many event streams",
                "You have " + limit + " event streams open, the most at once; close one first.",
                Map.of("maxEventStreams", limit)).retryAfter(Duration.ofSeconds(10));
    }

    public static ApiException backlogFull(Duration retryAfter) {
        return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "busy", "Too busy",
                "So many jobs are waiting to be encoded that no more are taken right now. Try again later.", Map.of())
                .retryAfter(retryAfter);
    }

    public static ApiException jobNotFound() {
        return new ApiException(HttpStatus.NOT_FOUND, "job-not-found", "No such job",
                "There is no such job (or it has expired).", Map.of());
    }

    /** Only an unfinished job can be cancelled. */
    public static ApiException jobEnded(JobState state) {
        return new ApiException(HttpStatus.CONFLICT, "job-ended", "Job already ended",
                "The job has already ended (it is " + state + "); only an unfinished job can be cancelled.",
                Map.of("state", state.name()));
    }

    /** A job whose retry could not make anything new: why, in a sentence. */
    public static ApiException notRetryable(JobState state, String why) {
        return new ApiException(HttpStatus.CONFLICT, "not-retryable", "Job cannot be retried",
                "The job cannot be retried: " + why, Map.of("state", state.name()));
    }

    /** A {@code cursor} that no page's {@code next} gave: damaged, made up, or from another API. */
    public static ApiException invalidCursor() {
        return new ApiException(HttpStatus.BAD_REQUEST, "invalid-cursor", "Invalid cursor",
                "The parameter 'cursor' must be the 'next' of a previous page, exactly as it was given; leave it out "
                        + "for the first page.", Map.of());
    }

    public static ApiException invalidStates(List<String> unknown, List<String> valid) {
        return new ApiException(HttpStatus.BAD_REQUEST, "invalid-state", "Invalid state",
                "Unknown state " + String.join(", ", unknown) + "; valid states are " + String.join(", ", valid) + ".",
                Map.of("unknownStates", unknown, "validStates", valid));
    }

    public static ApiException invalidLimit(int min, int max) {
        return new ApiException(HttpStatus.BAD_REQUEST, "invalid-limit", "Invalid limit",
                "The parameter 'limit' must be a whole number from " + min + " to " + max + ".",
                Map.of("minLimit", min, "maxLimit", max));
    }

    public static ApiException invalidIdempotencyKey() {
        return new ApiException(HttpStatus.BAD_REQUEST, "invalid-idempotency-key", "Invalid idempotency key",
                "The Idempotency-Key header must hold 1 to 255 visible ASCII characters.", Map.of());
    }

    public static ApiException idempotencyKeyInUse() {
        return new ApiException(HttpStatus.CONFLICT, "idempotency-key-in-use", "Idempotency key in use",
                "A request with this Idempotency-Key is still being processed; repeat it once that one is answered.",
                Map.of()).retryAfter(Duration.ofSeconds(10));
    }

    public static ApiException idempotencyKeyReused(String jobId) {
        return new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused", "Idempotency key reused",
                "This Idempotency-Key was used in the last 24 hours for a different request (job " + jobId
                        + "); a new request needs a new key.", Map.of("jobId", jobId));
    }

    /** A manifest link without its signature, with one that does not match, or with an unreadable expiry. */
    public static ApiException linkInvalid() {
        return new ApiException(HttpStatus.FORBIDDEN, "link-invalid", "Invalid link",
                "This link is incomplete or its signature does not match; use a link exactly as the API gave it.",
                Map.of());
    }

    public static ApiException linkExpired(Instant expiredAt) {
        return new ApiException(HttpStatus.FORBIDDEN, "link-expired", "Link expired",
                "This link expired at " + expiredAt + "; the job's answer (GET /api/jobs/{id}) has fresh links.",
                Map.of("expiredAt", expiredAt.toString()));
    }

    /** A job that has no such manifest: not finished, without that format, or without that file. */
    public static ApiException outputNotFound() {
        return new ApiException(HttpStatus.NOT_FOUND, "output-not-found", "No such output",
                "The job has no such manifest (or it has expired).", Map.of());
    }

    /** A stored manifest that must not be served: it names what is not a file of its rendition, or is too large. */
    public static ApiException brokenManifest() {
        return new ApiException(HttpStatus.INTERNAL_SERVER_ERROR, "broken-manifest", "Manifest not served",
                "The stored manifest is not one this service serves (it names something outside its rendition, or "
                        + "is too large); this has been logged.", Map.of());
    }

    public static ApiException unavailable(String what) {
        return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "unavailable", "Try again later",
                what + " is unavailable right now. Try again later.", Map.of());
    }
}
