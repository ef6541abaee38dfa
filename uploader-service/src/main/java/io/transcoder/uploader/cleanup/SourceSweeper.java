package io.transcoder.uploader.cleanup;

import io.transcoder.jobs.JobStore;
import io.transcoder.uploader.UploaderProperties;
import io.transcoder.uploader.storage.JobObjects;
import io.transcoder.uploader.storage.JobObjects.StoredSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Removes the sources of jobs that are gone from Redis (expired after {@code transcoder.job-retention}, or lost): a
 * job that completed with failures, or failed for a reason a retry could mend, keeps its source while it can be
 * retried, and nothing else would remove it. Reads the bucket a page at a time. Only objects older than
 * {@code uploader.sweep-age} go: an upload that was just stored may not have its job recorded yet.
 */
@Component
class SourceSweeper {

    private static final Logger log = LoggerFactory.getLogger(SourceSweeper.class);

    private final JobObjects objects;
    private final JobStore jobs;
    private final UploaderProperties properties;

    SourceSweeper(JobObjects objects, JobStore jobs, UploaderProperties properties) {
        this.objects = objects;
        this.jobs = jobs;
        this.properties = properties;
    }

    List<String> sweep() {
        return sweep(Instant.now().minus(properties.sweepAge()));
    }

    /** Sweeps once, sparing objects stored since {@code cutoff}, and answers the keys it removed. */
    List<String> sweep(Instant cutoff) {
        List<String> swept = new ArrayList<>();
        objects.sourcePages().forEach(page -> {
            Map<String, Boolean> gone = new HashMap<>();
            List<String> keys = page.stream()
                    .filter(source -> source.lastModified().isBefore(cutoff))
                    .filter(source -> gone.computeIfAbsent(source.jobId(), jobId -> jobs.state(jobId).isEmpty()))
                    .map(StoredSource::key)
                    .toList();
            objects.delete(keys);
            swept.addAll(keys);
        });
        if (!swept.isEmpty()) {
            log.info("Swept {} source objects of jobs that are gone", swept.size());
        }
        return swept;
    }
}
