package io.transcoder.api.problems;

import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;

/**
 * A request the API refuses, as an RFC 9457 problem: a status, a type ({@code /problems/{slug}}), a title, a detail,
 * and sometimes extra members that help the client fix the request.
 */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String slug;
    private final String title;
    private final Map<String, Object> properties;

    private ApiException(HttpStatus status, String slug, String title, String detail, Map<String, Object> properties) {
        super(detail);
        this.status = status;
        this.slug = slug;
        this.title = title;
        this.properties = properties;
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

    public static ApiException fieldTooLong(String field, int limit) {
        return new ApiException(HttpStatus.BAD_REQUEST, "field-too-long", "Field too long",
                "The part '" + field + "' is longer than " + limit + " bytes.", Map.of("field", field));
    }

    public static ApiException uploadTooLarge(DataSize limit) {
        return new ApiException(HttpStatus.CONTENT_TOO_LARGE, "upload-too-large", "Video too large",
                "The video is larger than the limit of " + limit.toMegabytes() + " MB.",
                Map.of("maxBytes", limit.toBytes()));
    }

    public static ApiException jobNotFound(String id) {
        return new ApiException(HttpStatus.NOT_FOUND, "job-not-found", "No such job",
                "There is no job " + id + " (or it has expired).", Map.of());
    }

    public static ApiException unavailable(String what) {
        return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "unavailable", "Try again later",
                what + " is unavailable right now. Try again later.", Map.of());
    }

    public HttpStatus status() {
        return status;
    }

    public String slug() {
        return slug;
    }

    public String title() {
        return title;
    }

    public Map<String, Object> properties() {
        return properties;
    }
}
