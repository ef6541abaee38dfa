package io.transcoder.api.upload;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Encoding;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.SchemaProperty;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.transcoder.api.jobs.JobView;
import io.transcoder.api.jobs.JobViews;
import io.transcoder.api.security.Owner;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Jobs", description = "Submit videos and follow, cancel and retry their jobs")
class JobSubmissionController {

    static final String REPLAYED = "Idempotent-Replayed";

    private final JobSubmissions submissions;
    private final IdempotentSubmissions idempotent;
    private final JobRetries retries;
    private final JobViews views;

    JobSubmissionController(JobSubmissions submissions, IdempotentSubmissions idempotent, JobRetries retries,
            JobViews views) {
        this.submissions = submissions;
        this.idempotent = idempotent;
        this.retries = retries;
        this.views = views;
    }

    /**
     * Takes the raw request: Spring's multipart support is off so that the video streams instead of spooling. A
     * repeat under the same {@code Idempotency-Key} is answered as the first was, with {@code Idempotent-Replayed}.
     */
    @Operation(summary = "Submit a video", description = """
            Uploads one video as `multipart/form-data` and starts a job that makes the formats named. The video \
            streams to storage as it arrives; text parts sent before the part `file` are checked before it is \
            taken, so a bad request is refused without uploading the video first: send them first.""",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    mediaType = "multipart/form-data",
                    schema = @Schema(type = "object", requiredProperties = {"formats", "email", "file"}),
                    schemaProperties = {
                        @SchemaProperty(name = "formats", array = @ArraySchema(schema = @Schema(type = "string"),
                                minItems = 1, arraySchema = @Schema(description = "The ids of the formats to make, "
                                        + "from GET /api/formats (e.g. `mp4`): the part repeated, or ids separated "
                                        + "by commas"))),
                        @SchemaProperty(name = "email", schema = @Schema(type = "string", format = "email",
                                maxLength = 254, description = "Where to send the result (or the reason it failed)")),
                        @SchemaProperty(name = "callbackUrl", schema = @Schema(type = "string", format = "uri",
                                description = "Optional: an http(s) URL to POST a signed event to when the job "
                                        + "completes, fails or is cancelled; overrides the owner's default")),
                        @SchemaProperty(name = "file", schema = @Schema(type = "string", format = "binary",
                                description = "The video, last; its file name is kept as the job's `sourceName`"))},
                    encoding = @Encoding(name = "file", contentType = "video/*, application/octet-stream"))),
            parameters = @Parameter(name = IdempotencyKeys.HEADER, in = ParameterIn.HEADER, description = """
                    Makes a repeat safe: within 24 hours, the same request under the same key is answered as the \
                    first was (with `Idempotent-Replayed: true`) instead of starting another job. 1 to 255 visible \
                    ASCII characters, e.g. a UUID.""", schema = @Schema(type = "string", minLength = 1,
                    maxLength = 255)))
    @ApiResponse(responseCode = "202", description = "The job, accepted: follow it at its `Location`", headers = {
        @Header(name = "Location", description = "The job: `/api/jobs/{id}`", schema = @Schema(type = "string")),
        @Header(name = REPLAYED, description = "`true` when this answers an earlier request with the same "
                + "`Idempotency-Key`", schema = @Schema(type = "string", allowableValues = "true"))},
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = JobView.class)))
    @PostMapping("/api/jobs")
    ResponseEntity<JobView> submit(HttpServletRequest request, @AuthenticationPrincipal Owner owner) {
        String key = request.getHeader(IdempotencyKeys.HEADER);
        IdempotentSubmissions.Submitted submitted = key == null
                ? new IdempotentSubmissions.Submitted(submissions.submit(request, owner, false).jobId(), false)
                : idempotent.submit(request, owner, key);
        ResponseEntity.BodyBuilder answer = ResponseEntity.accepted().location(location(submitted.jobId()));
        if (submitted.replayed()) {
            answer.header(REPLAYED, "true");
        }
        return answer.body(views.view(submitted.jobId(), owner));
    }

    /** Makes the job's failed or missing formats again, keeping the rest. */
    @Operation(summary = "Retry a job", description = """
            Makes a failed job's failed or missing formats again, keeping the rest, as a new attempt of the same \
            job (its `attempt` counts up). Only an ended job that did not fail for a reason in its input, and whose \
            video is still kept.""")
    @ApiResponse(responseCode = "202", description = "The job, with its new attempt queued", headers = @Header(
            name = "Location", description = "The job: `/api/jobs/{id}`", schema = @Schema(type = "string")),
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = JobView.class)))
    @PostMapping("/api/jobs/{id}/retry")
    ResponseEntity<JobView> retry(@Parameter(description = "The job's id") @PathVariable String id,
            @AuthenticationPrincipal Owner owner) {
        retries.retry(id, owner);
        return ResponseEntity.accepted().location(location(id)).body(views.view(id, owner));
    }

    private static URI location(String jobId) {
        return URI.create("/api/jobs/" + jobId);
    }
}
