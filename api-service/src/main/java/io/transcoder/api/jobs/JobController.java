package io.transcoder.api.jobs;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.transcoder.api.security.Owner;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

@RestController
@Tag(name = "Jobs")
class JobController {

    private final JobViews views;
    private final JobEvents events;
    private final JobCancellations cancellations;

    JobController(JobViews views, JobEvents events, JobCancellations cancellations) {
        this.views = views;
        this.events = events;
        this.cancellations = cancellations;
    }

    @Operation(summary = "Get a job", description = """
            The job's state, phase, overall and per-format progress, expected end, and once it has them its \
            renditions with download links (presigned, expiring) and the formats that failed. Poll at a sensible \
            interval (a few seconds), or better follow `/api/jobs/{id}/events`.""")
    @GetMapping("/api/jobs/{id}")
    JobView job(@PathVariable String id, @AuthenticationPrincipal Owner owner) {
        return views.view(id, owner);
    }

    /** Cancels an unfinished job; its files are removed shortly after. */
    @Operation(summary = "Cancel a job", description = """
            Cancels an unfinished job wherever it is: a running encode stops within a second or two, and its \
            files are removed shortly after. An ended job cannot be cancelled (409 `job-ended`).""")
    @ApiResponse(responseCode = "202", description = "The job, now CANCELLED",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = JobView.class)))
    @DeleteMapping("/api/jobs/{id}")
    ResponseEntity<JobView> cancel(@PathVariable String id, @AuthenticationPrincipal Owner owner) {
        return ResponseEntity.accepted().body(cancellations.cancel(id, owner));
    }

    /** The job, then every change of it, as server-sent events named {@code job}, until it ends. */
    @Operation(summary = "Watch a job", description = """
            Server-sent events named `job`, each holding the job as `GET /api/jobs/{id}` answers it: the job at \
            once, then on every change, until it ends; the stream then closes. Send the API key as a header \
            (a browser's EventSource cannot: read the stream with fetch).""")
    @GetMapping(path = "/api/jobs/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter events(@PathVariable String id, @AuthenticationPrincipal Owner owner) {
        return events.stream(id, owner);
    }
}
