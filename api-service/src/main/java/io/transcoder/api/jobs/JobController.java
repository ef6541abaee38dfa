package io.transcoder.api.jobs;

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
class JobController {

    private final JobViews views;
    private final JobEvents events;
    private final JobCancellations cancellations;

    JobController(JobViews views, JobEvents events, JobCancellations cancellations) {
        this.views = views;
        this.events = events;
        this.cancellations = cancellations;
    }

    @GetMapping("/api/jobs/{id}")
    JobView job(@PathVariable String id, @AuthenticationPrincipal Owner owner) {
        return views.view(id, owner);
    }

    /** Cancels an unfinished job; its files are removed shortly after. */
    @DeleteMapping("/api/jobs/{id}")
    ResponseEntity<JobView> cancel(@PathVariable String id, @AuthenticationPrincipal Owner owner) {
        return ResponseEntity.accepted().body(cancellations.cancel(id, owner));
    }

    /** The job, then every change of it, as server-sent events named {@code job}, until it ends. */
    @GetMapping(path = "/api/jobs/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter events(@PathVariable String id, @AuthenticationPrincipal Owner owner) {
        return events.stream(id, owner);
    }
}
