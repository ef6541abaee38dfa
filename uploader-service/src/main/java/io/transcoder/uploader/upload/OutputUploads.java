package io.transcoder.uploader.upload;

import io.transcoder.jobs.JobRecord;
import io.transcoder.jobs.JobState;
import io.transcoder.jobs.JobStore;
import io.transcoder.messages.EncodedRendition;
import io.transcoder.messages.EncodingCompleted;
import io.transcoder.messages.RenditionFile;
import io.transcoder.messages.StoredRendition;
import io.transcoder.messages.UploadCompleted;
import io.transcoder.storage.StorageKeys;
import io.transcoder.uploader.storage.JobObjects;
import io.transcoder.uploader.storage.JobObjects.ObjectFile;
import io.transcoder.uploader.upload.UploadResult.Rejected;
import io.transcoder.uploader.upload.UploadResult.Unwanted;
import io.transcoder.uploader.upload.UploadResult.Uploaded;
import io.transcoder.uploader.upload.UploadResult.UploadedBefore;
import io.transcoder.work.WorkVolume;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Puts every file of every rendition of a job from the work volume into storage, under keys of the bucket's layout
 * ({@code outputs/{jobId}/{format}/{path}}), and completes the job: its outputs become downloadable before anybody is
 * told about them. Answers what became of the job; telling anyone is the caller's part.
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

    UploadResult upload(EncodingCompleted event) {
        String jobId = event.jobId();
        if (!jobs.advance(event.job(), JobState.UPLOADING)) {
            return settledElsewhere(event, "ended before");
        }
        if (event.renditions().isEmpty() && keptFromEarlierAttempts(event).isEmpty()) {
            // a retry that made nothing, of a job that has nothing to show: it failed, as a first attempt would have
            return event.failures().stream().findFirst()
                    .map(failure -> new Rejected(failure.code(), failure.reason()))
                    .orElseGet(() -> Rejected.nothingMade(event.job().attempt()));
        }
        List<StoredRendition> outputs = new ArrayList<>();
        List<ObjectFile> files = new ArrayList<>();
        for (EncodedRendition rendition : event.renditions()) {
            StoredRendition stored = new StoredRendition(rendition.format(), rendition.kind(),
                    StorageKeys.rendition(jobId, rendition.format()), rendition.entry(), rendition.files());
            Path directory = workVolume.resolve(rendition.directory());
            for (RenditionFile file : rendition.files()) {
                Path path = directory.resolve(file.path());
                // all checked before any is stored: a rendition short of a file is refused whole
                if (!Files.isRegularFile(path)) {
                    return Rejected.fileMissing(rendition.format(), file.path());
                }
                files.add(new ObjectFile(stored.key(file), path, file.mediaType(), file.name()));
            }
            outputs.add(stored);
        }
        // an outage of storage escapes from here as the SDK's exception, and the message waits in a retry queue
        objects.putAll(files);
        Optional<List<StoredRendition>> all = jobs.complete(event.job(), outputs, event.failures());
        if (all.isEmpty()) {
            UploadResult settled = settledElsewhere(event, "ended while its renditions were being stored");
            // a redelivery of this message may have completed it meanwhile, under the very same keys: those stay;
            // a job that ended otherwise (cancelled, failed) will never hand these renditions out, but the renditions
            // of its earlier attempts are not this delivery's to remove
            if (settled instanceof Unwanted) {
                outputs.forEach(output -> objects.deleteRendition(jobId, output.format()));
            }
            return settled;
        }
        return new Uploaded(new UploadCompleted(event.job(), all.get(), event.failures()));
    }

    /**
     * Removes what the job no longer needs once this stage is done with it: its work directory (unless it belongs to
     * the job's next attempt by now), and its source unless a retry may need it again (some formats failed). Best effort for the source: a leftover costs storage, not
     * correctness, must not undo a completed job, and the source sweep takes it once the job has expired.
     */
    void cleanUp(String jobId, UploadResult result) {
        if (result instanceof Unwanted unwanted && unwanted.movedOn()) {
            return;
        }
        workVolume.delete(jobId);
        if (keepsSource(result)) {
            return;
        }
        try {
            objects.deleteSource(jobId);
        } catch (RuntimeException e) {
            log.warn("Could not delete the source of job {}", jobId, e);
        }
    }

    /**
     * A job that completed with failures keeps its source for a retry; one that ended otherwise is left to the
     * listeners of its end (JobFailed, JobCancelled), which know whether it may be retried.
     */
    private static boolean keepsSource(UploadResult result) {
        if (result instanceof Uploaded uploaded) {
            return !uploaded.announcement().failures().isEmpty();
        }
        if (result instanceof UploadedBefore before) {
            return !before.announcement().failures().isEmpty();
        }
        return true;
    }

    /** The renditions the job has from earlier attempts, of formats this attempt did not make again. */
    private List<StoredRendition> keptFromEarlierAttempts(EncodingCompleted event) {
        return jobs.find(event.jobId()).map(JobRecord::outputs).orElse(List.of()).stream()
                .filter(kept -> event.renditions().stream().noneMatch(made -> made.format().equals(kept.format())))
                .toList();
    }

    /** What became of a job this delivery could not take into UPLOADING or complete. */
    private UploadResult settledElsewhere(EncodingCompleted event, String when) {
        Optional<JobRecord> job = jobs.find(event.jobId());
        if (job.isPresent() && job.get().state() == JobState.COMPLETED) {
            return new UploadedBefore(new UploadCompleted(event.job(), job.get().outputs(), job.get().failures()));
        }
        return new Unwanted(job.map(found -> "is " + found.state()).orElse("is unknown") + " (" + when + ")",
                job.filter(found -> !found.state().isTerminal()).isPresent());
    }
}
