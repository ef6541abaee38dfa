package io.transcoder.uploader.upload;

import io.transcoder.jobs.JobState;
import io.transcoder.jobs.JobStore;
import io.transcoder.messages.EncodedFile;
import io.transcoder.messages.EncodingCompleted;
import io.transcoder.messages.StoredOutput;
import io.transcoder.messages.UploadCompleted;
import io.transcoder.storage.StorageKeys;
import io.transcoder.uploader.storage.JobObjects;
import io.transcoder.work.WorkVolume;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Puts every rendition of a job from the work volume into storage, under keys of the bucket's layout, and completes
 * the job: its outputs become downloadable before anybody is told about them.
 */
@Service
class OutputUploads {

    private final JobObjects objects;
    private final WorkVolume workVolume;
    private final JobStore jobs;

    OutputUploads(JobObjects objects, WorkVolume workVolume, JobStore jobs) {
        this.objects = objects;
        this.workVolume = workVolume;
        this.jobs = jobs;
    }

    UploadCompleted upload(EncodingCompleted event) {
        List<StoredOutput> outputs = event.files().stream()
                .map(file -> upload(event.jobId(), file))
                .toList();
        jobs.complete(event.jobId(), outputs);
        objects.deleteSource(event.jobId());
        return new UploadCompleted(event.job(), outputs);
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

    private StoredOutput upload(String jobId, EncodedFile file) {
        Path path = workVolume.resolve(file.file());
        if (!Files.isRegularFile(path)) {
            throw UploadException.outputMissing(file.format());
        }
        String fileName = StorageKeys.safeName(path.getFileName().toString());
        String key = StorageKeys.output(jobId, file.format(), fileName);
        long size = objects.put(key, path, file.format(), fileName);
        return new StoredOutput(file.format(), key, fileName, size);
    }
}
