package io.transcoder.api.jobs;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
class JobController {

    private final JobViews views;

    JobController(JobViews views) {
        this.views = views;
    }

    @GetMapping("/api/jobs/{id}")
    JobView job(@PathVariable String id) {
        return views.view(id);
    }
}
