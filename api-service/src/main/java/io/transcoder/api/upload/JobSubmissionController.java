package io.transcoder.api.upload;

import io.transcoder.api.jobs.JobView;
import io.transcoder.api.jobs.JobViews;
import io.transcoder.api.security.Owner;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
class JobSubmissionController {

    private final JobSubmissions submissions;
    private final JobViews views;

    JobSubmissionController(JobSubmissions submissions, JobViews views) {
        this.submissions = submissions;
        this.views = views;
    }

    /** Takes the raw request: Spring's multipart support is off so that the video streams instead of spooling. */
    @PostMapping("/api/jobs")
    ResponseEntity<JobView> submit(HttpServletRequest request, @AuthenticationPrincipal Owner owner) {
        String jobId = submissions.submit(request, owner);
        return ResponseEntity.accepted().location(URI.create("/api/jobs/" + jobId)).body(views.view(jobId, owner));
    }
}
