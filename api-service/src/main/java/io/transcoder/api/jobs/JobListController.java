package io.transcoder.api.jobs;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.transcoder.api.security.Owner;
import io.transcoder.jobs.JobState;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The caller's own jobs, newest first; a controller of its own so that the single-job endpoints' slice stays lean. */
@RestController
@Tag(name = "Jobs")
class JobListController {

    private final JobListing listing;

    JobListController(JobListing listing) {
        this.listing = listing;
    }

    @Operation(summary = "List your jobs", description = """
            The caller's own jobs, newest first (by submission), a page at a time, without download links (a job's \
            own answer, `GET /api/jobs/{id}`, has them). Follow `next` as `cursor` until it is null; jobs submitted \
            meanwhile appear on a new first page, never shift a later one. With `state`, a page may hold fewer \
            jobs than `limit` (even none) while `next` is not null: the service reads at most 1000 jobs per page. \
            Expired jobs (kept for the retention after they end) are gone from the list.""")
    @GetMapping("/api/jobs")
    JobPage list(
            @Parameter(description = "Only jobs in these states; repeat the parameter or separate names by commas "
                    + "(`state=FAILED,CANCELLED`). Every state when absent.",
                    array = @ArraySchema(schema = @Schema(implementation = JobState.class)))
            @RequestParam(name = "state", required = false) @Nullable List<String> state,
            @Parameter(description = "How many jobs a page holds at most.", schema = @Schema(type = "integer",
                    minimum = "1", maximum = "100", defaultValue = "20"))
            @RequestParam(name = "limit", required = false) @Nullable String limit,
            @Parameter(description = "Where to go on: the `next` of the previous page, exactly as given. Absent for "
                    + "the first page.", schema = @Schema(type = "string"))
            @RequestParam(name = "cursor", required = false) @Nullable String cursor,
            @AuthenticationPrincipal Owner owner) {
        return listing.list(owner, state, limit, cursor);
    }
}
