package io.transcoder.api.upload;

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
    @PostMapping("/api/jobs")
    ResponseEntity<JobView> submit(HttpServletRequest request, @AuthenticationPrincipal Owner owner) {
        String key = request.getHeader(IdempotencyKeys.HEADER);
        IdempotentSubmissions.Submitted submitted = key == null
                ? new IdempotentSubmissions.Submitted(submissions.submit(request, owner).jobId(), false)
                : idempotent.submit(request, owner, key);
        ResponseEntity.BodyBuilder answer = ResponseEntity.accepted().location(location(submitted.jobId()));
        if (submitted.replayed()) {
            answer.header(REPLAYED, "true");
        }
        return answer.body(views.view(submitted.jobId(), owner));
    }

    /** Makes the job's failed or missing formats again, keeping the rest. */
    @PostMapping("/api/jobs/{id}/retry")
    ResponseEntity<JobView> retry(@PathVariable String id, @AuthenticationPrincipal Owner owner) {
        retries.retry(id, owner);
        return ResponseEntity.accepted().location(location(id)).body(views.view(id, owner));
    }

    private static URI location(String jobId) {
        return URI.create("/api/jobs/" + jobId);
    }
}
