package io.transcoder.uploader.cleanup;

import io.transcoder.jobs.JobIds;
import io.transcoder.jobs.JobRecord;
import io.transcoder.jobs.JobStore;
import io.transcoder.uploader.UploaderProperties;
import io.transcoder.work.WorkVolume;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Removes what no job needs from the work volume: directories of jobs that have ended or vanished (expired, or lost
 * with Redis), once nobody has touched them for {@code uploader.sweep-age}. Stages delete their job's files
 * themselves; this catches what a crash between two steps left behind.
 */
@Component
class WorkVolumeSweeper {

    private static final Logger log = LoggerFactory.getLogger(WorkVolumeSweeper.class);

    private final WorkVolume workVolume;
    private final JobStore jobs;
    private final UploaderProperties properties;

    WorkVolumeSweeper(WorkVolume workVolume, JobStore jobs, UploaderProperties properties) {
        this.workVolume = workVolume;
        this.jobs = jobs;
        this.properties = properties;
    }

    /** Sweeps once and answers the ids of the jobs whose directories it removed. */
    List<String> sweep() {
        if (!Files.isDirectory(workVolume.root())) {
            return List.of();
        }
        Instant cutoff = Instant.now().minus(properties.sweepAge());
        try (Stream<Path> entries = Files.list(workVolume.root())) {
            List<String> swept = entries
                    .filter(Files::isDirectory)
                    .map(directory -> directory.getFileName().toString())
                    .filter(JobIds::isJobId)
                    .filter(jobId -> untouchedSince(workVolume.jobDirectory(jobId), cutoff))
                    .filter(this::noLongerNeeded)
                    .toList();
            swept.forEach(workVolume::delete);
            if (!swept.isEmpty()) {
                log.info("Swept the leftover work directories of jobs {}", swept);
            }
            return swept;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private boolean noLongerNeeded(String jobId) {
        Optional<JobRecord> job = jobs.find(jobId);
        return job.isEmpty() || job.get().state().isTerminal();
    }

    private static boolean untouchedSince(Path directory, Instant cutoff) {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.allMatch(file -> lastModified(file).isBefore(cutoff));
        } catch (IOException | UncheckedIOException e) {
            return false; // being changed while we look: certainly not abandoned
        }
    }

    private static Instant lastModified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toInstant();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
