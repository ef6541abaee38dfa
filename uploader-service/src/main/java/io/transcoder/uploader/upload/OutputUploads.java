package io.transcoder.uploader.upload;

import io.transcoder.jobs.JobState;
import io.transcoder.jobs.JobStore;
import io.transcoder.messages.EncodedRendition;
import io.transcoder.messages.EncodingCompleted;
import io.transcoder.messages.RenditionFile;
import io.transcoder.messages.StoredRendition;
import io.transcoder.messages.UploadCompleted;
import io.transcoder.storage.StorageKeys;
import io.transcoder.uploader.storage.JobObjects;
import io.transcoder.work.WorkVolume;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Puts every rendition of a job from the work volume into storage, under keys of the bucket's layout, and completes
 * the job: its outputs become downloadable before anybody is told about them.
 */
@Service
class OutputUploads {

    private static final Logger log = LoggerFactory.getLogger(OutputUploads.class);

    private final JobObjects objects;
    private final WorkVolume workVolume;
    private final JobStore jobs;

    OutputUploads(JobObjects objects, WorkVolume workVolume, JobStore jobs) {
        this.objects = objects;
        this.workVolume = workVolume;
        this.jobs = jobs;
    }

    UploadCompleted upload(EncodingCompleted event) {
        List<StoredRendition> outputs = event.renditions().stream()
                .map(rendition -> upload(event.jobId(), rendition))
                .toList();
        if (!jobs.complete(event.jobId(), outputs)) {
            // ended meanwhile (the reaper gave it up): nobody will hand these renditions out
            objects.deleteOutputs(event.jobId());
            throw UploadException.jobEnded();
        }
        return new UploadCompleted(event.job(), outputs);
    }

    /**
     * Removes what the job no longer needs once this stage is done with it: its work directory and its source.
     * Best effort for the source: a leftover costs storage, not correctness, and must not undo a completed job.
     */
    void cleanUp(String jobId) {
        workVolume.delete(jobId);
        try {
            objects.deleteSource(jobId);
        } catch (RuntimeException e) {
            log.warn("Could not delete the source of job {}", jobId, e);
        }
    }

    /**
     * The announcement of a job this stage has already completed: a redelivered message means the first
     * announcement may never have gone out (the notifier sends once, whatever it receives).
     */
    Optional<UploadCompleted> completedBefore(EncodingCompleted event) {
        return jobs.find(event.jobId())
                .filter(job -> job.state() == JobState.COMPLETED)
                .map(job -> new UploadCompleted(event.job(), job.outputs()));
    }

    /** Stores every file of a rendition under its path inside the rendition, with the media type it came with. */
    private StoredRendition upload(String jobId, EncodedRendition rendition) {
        Path directory = workVolume.resolve(rendition.directory());
        StoredRendition stored = new StoredRendition(rendition.format(), rendition.kind(),
                StorageKeys.rendition(jobId, rendition.format()), rendition.entry(), rendition.files());
        for (RenditionFile file : rendition.files()) {
            Path path = directory.resolve(file.path());
            if (!Files.isRegularFile(path)) {
                throw UploadException.outputMissing(rendition.format());
            }
            objects.put(stored.key(file), path, file.mediaType(), file.name());
        }
        return stored;
    }
}
