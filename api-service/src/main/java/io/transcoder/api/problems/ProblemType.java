package io.transcoder.api.problems;

import java.net.URI;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * Every problem type the API answers: its status, type ({@code /problems/{slug}}) and title, which every answer of it
 * is made from ({@link #problem}), and for the API's description when it is answered, by which operations, and
 * whether with a {@code Retry-After}. Adding a problem is adding a constant here; the answers are made where they are
 * answered ({@link ApiException}'s factories, {@code ProblemHandler}, {@code security.ProblemEntryPoint}).
 */
public enum ProblemType {

    // any request
    UNAUTHORIZED(HttpStatus.UNAUTHORIZED, "unauthorized", "API key required",
            "No API key was sent (title *API key required*), or one that is not valid (title *Invalid API key*). "
                    + "Send it as `Authorization: Bearer <key>` or `X-API-Key: <key>`; the answer carries "
                    + "`WWW-Authenticate: Bearer realm=\"transcoder\"`.", Where.KEYED),
    FORBIDDEN(HttpStatus.FORBIDDEN, "forbidden", "Forbidden",
            "A key was sent for a path that no key opens on this port (actuator beyond health).", Where.NOWHERE),
    REJECTED_REQUEST(HttpStatus.BAD_REQUEST, "rejected-request", "Request rejected",
            "The firewall refused the request before anything read it: a `;`, a `//` or an encoded `.` in the "
                    + "path, or a header value it does not accept.", Where.NOWHERE),
    JOB_NOT_FOUND(HttpStatus.NOT_FOUND, "job-not-found", "No such job",
            "There is no such job, it has expired, or it belongs to another owner (indistinguishable on purpose).",
            Where.JOB),
    UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "unavailable", "Try again later",
            "Storage, Redis or the broker cannot be reached right now; nothing was changed. Repeat the request later.",
            Where.STORED),
    INTERNAL_ERROR(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error",
            "Something went wrong on the service's side; it has been logged.", Where.API),

    // submissions
    NOT_MULTIPART(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "not-multipart", "Not a multipart upload",
            "The body is not `multipart/form-data`.", Where.at("POST /api/jobs")),
    MALFORMED_UPLOAD(HttpStatus.BAD_REQUEST, "malformed-upload", "Malformed upload",
            "The multipart body could not be read, or it broke off.", Where.at("POST /api/jobs")),
    MISSING_FILE(HttpStatus.BAD_REQUEST, "missing-file", "No video",
            "No part named `file`.", Where.at("POST /api/jobs")),
    SEVERAL_FILES(HttpStatus.BAD_REQUEST, "several-files", "More than one video",
            "More than one part named `file`.", Where.at("POST /api/jobs")),
    EMPTY_FILE(HttpStatus.BAD_REQUEST, "empty-file", "Empty video",
            "The part `file` is empty.", Where.at("POST /api/jobs")),
    MISSING_FORMATS(HttpStatus.BAD_REQUEST, "missing-formats", "No format",
            "The part `formats` names no format; `validFormats` lists them.", Where.at("POST /api/jobs")),
    UNKNOWN_FORMAT(HttpStatus.BAD_REQUEST, "unknown-format", "Unknown format",
            "The part `formats` names one the service does not make; `unknownFormats` and `validFormats` say which.",
            Where.at("POST /api/jobs")),
    INVALID_EMAIL(HttpStatus.BAD_REQUEST, "invalid-email", "Invalid email address",
            "The part `email` is missing or is not one valid address.", Where.at("POST /api/jobs")),
    INVALID_CALLBACK_URL(HttpStatus.BAD_REQUEST, "invalid-callback-url", "Invalid callback URL",
            "The part `callbackUrl` is not an http(s) URL the service may call: no user-info, a host that resolves, "
                    + "and not a loopback, private or link-local address; the detail says which rule it breaks.",
            Where.at("POST /api/jobs")),
    FIELD_TOO_LONG(HttpStatus.BAD_REQUEST, "field-too-long", "Field too long",
            "One text part is too long; `field` names it.", Where.at("POST /api/jobs")),
    TOO_MANY_PARTS(HttpStatus.BAD_REQUEST, "too-many-parts", "Too many parts",
            "The upload has more parts than `maxParts`.", Where.at("POST /api/jobs")),
    FIELDS_TOO_LARGE(HttpStatus.BAD_REQUEST, "fields-too-large", "Fields too large",
            "The text parts together are larger than `maxBytes`.", Where.at("POST /api/jobs")),
    UPLOAD_TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE, "upload-too-large", "Video too large",
            "The video is larger than `maxBytes`.", Where.at("POST /api/jobs")),
    UPLOAD_TOO_SLOW(HttpStatus.REQUEST_TIMEOUT, "upload-too-slow", "Upload too slow",
            "The upload was cut off: it arrived too slowly, or nothing arrived for too long.",
            Where.at("POST /api/jobs")),
    INVALID_IDEMPOTENCY_KEY(HttpStatus.BAD_REQUEST, "invalid-idempotency-key", "Invalid idempotency key",
            "The `Idempotency-Key` header is not 1 to 255 visible ASCII characters.", Where.at("POST /api/jobs")),
    IDEMPOTENCY_KEY_IN_USE(HttpStatus.CONFLICT, "idempotency-key-in-use", "Idempotency key in use",
            "A request with this `Idempotency-Key` is still being answered; repeat this one after `Retry-After`.",
            Where.at("POST /api/jobs"), true),
    IDEMPOTENCY_KEY_REUSED(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused", "Idempotency key reused",
            "This `Idempotency-Key` was used in the last 24 hours for a different request (job `jobId`).",
            Where.at("POST /api/jobs")),

    // limits, on whatever starts an attempt
    TOO_MANY_JOBS(HttpStatus.TOO_MANY_REQUESTS, "too-many-jobs", "Too many unfinished jobs",
            "The owner has `maxUnfinishedJobs` jobs that have not ended yet.",
            Where.at("POST /api/jobs", "POST /api/jobs/{id}/retry"), true),
    TOO_MANY_SUBMISSIONS(HttpStatus.TOO_MANY_REQUESTS, "too-many-submissions", "Too many submissions",
            "The owner started `maxSubmissionsPerMinute` attempts in the last minute.",
            Where.at("POST /api/jobs", "POST /api/jobs/{id}/retry"), true),
    BUSY(HttpStatus.SERVICE_UNAVAILABLE, "busy", "Too busy",
            "So many jobs wait to be encoded that no more are taken right now.",
            Where.at("POST /api/jobs", "POST /api/jobs/{id}/retry"), true),

    // one job
    JOB_ENDED(HttpStatus.CONFLICT, "job-ended", "Job already ended",
            "Only an unfinished job can be cancelled; `state` says how it ended.", Where.at("DELETE /api/jobs/{id}")),
    NOT_RETRYABLE(HttpStatus.CONFLICT, "not-retryable", "Job cannot be retried",
            "The job is still running, was cancelled, failed for a reason in its input, has every format, or its "
                    + "video is no longer kept; the detail says which.", Where.at("POST /api/jobs/{id}/retry")),
    TOO_MANY_STREAMS(HttpStatus.TOO_MANY_REQUESTS, "too-many-streams", "Too many event streams",
            "The owner has `maxEventStreams` event streams open; close one first.",
            Where.at("GET /api/jobs/{id}/events"), true),

    // the owner's jobs
    INVALID_CURSOR(HttpStatus.BAD_REQUEST, "invalid-cursor", "Invalid cursor",
            "`cursor` is not one a previous page's `next` gave.", Where.at("GET /api/jobs")),
    INVALID_STATE(HttpStatus.BAD_REQUEST, "invalid-state", "Invalid state",
            "`state` names something that is not a job state.", Where.at("GET /api/jobs")),
    INVALID_LIMIT(HttpStatus.BAD_REQUEST, "invalid-limit", "Invalid limit",
            "`limit` is not a number from 1 to 100.", Where.at("GET /api/jobs")),

    // manifest links
    LINK_INVALID(HttpStatus.FORBIDDEN, "link-invalid", "Invalid link",
            "The link lacks its signature or expiry, or its signature does not match.", Where.MANIFEST),
    LINK_EXPIRED(HttpStatus.FORBIDDEN, "link-expired", "Link expired",
            "The link expired at `expiredAt`; the job's answer has fresh links.", Where.MANIFEST),
    OUTPUT_NOT_FOUND(HttpStatus.NOT_FOUND, "output-not-found", "No such output",
            "The job has not completed, has no such format, or has no such manifest.", Where.MANIFEST),
    BROKEN_MANIFEST(HttpStatus.INTERNAL_SERVER_ERROR, "broken-manifest", "Manifest not served",
            "The stored manifest names something outside its rendition, or is too large; it has been logged.",
            Where.MANIFEST);

    private static final String PREFIX = "/problems/";

    private final HttpStatus status;
    private final String slug;
    private final URI type;
    private final String title;
    private final String when;
    private final Where where;
    private final boolean retryAfter;

    ProblemType(HttpStatus status, String slug, String title, String when, Where where) {
        this(status, slug, title, when, where, false);
    }

    ProblemType(HttpStatus status, String slug, String title, String when, Where where, boolean retryAfter) {
        this.status = status;
        this.slug = slug;
        this.type = URI.create(PREFIX + slug);
        this.title = title;
        this.when = when;
        this.where = where;
        this.retryAfter = retryAfter;
    }

    /** A problem of this type, its status and title set, with what went wrong this time. */
    public ProblemDetail problem(String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type);
        problem.setTitle(title);
        return problem;
    }

    public HttpStatus status() {
        return status;
    }

    public String slug() {
        return slug;
    }

    public URI type() {
        return type;
    }

    public String title() {
        return title;
    }

    /** When it is answered, in Markdown, for the description. */
    public String when() {
        return when;
    }

    public Where where() {
        return where;
    }

    /** Whether its answers carry {@code Retry-After} (and {@code retryAfterSeconds}). */
    public boolean retryAfter() {
        return retryAfter;
    }

    /** Which operations may answer a type, from their method, path and whether they need a key. */
    @FunctionalInterface
    public interface Where {

        Where KEYED = (method, path, keyed) -> keyed;
        /** The API's own operations, not actuator's. */
        Where API = (method, path, keyed) -> path.startsWith("/api/");
        /** Answered for requests that reach no described operation; listed in the catalogue only. */
        Where NOWHERE = (method, path, keyed) -> false;
        /** Every path that names one job, for its owner or by a manifest link. */
        Where JOB = (method, path, keyed) -> path.startsWith("/api/jobs/{");
        /** Everything that reads or writes jobs, which live in Redis, storage and the broker. */
        Where STORED = (method, path, keyed) -> path.equals("/api/jobs") || path.startsWith("/api/jobs/");
        Where MANIFEST = (method, path, keyed) -> path.startsWith("/api/jobs/{jobId}/outputs/");

        boolean applies(String method, String path, boolean keyed);

        static Where at(String... operations) {
            Set<String> named = Set.of(operations);
            return (method, path, keyed) -> named.contains(method + " " + path);
        }
    }
}
