package io.transcoder.uploader.upload;

import io.transcoder.messages.EncodedFile;
import io.transcoder.messages.EncodingCompleted;
import io.transcoder.messages.StoredOutput;
import io.transcoder.messages.UploadCompleted;
import io.transcoder.storage.StorageKeys;
import io.transcoder.work.WorkVolume;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.stereotype.Service;

/** Puts every rendition of a job from the work volume into storage, under keys of the bucket's layout. */
@Service
class OutputUploads {

    private final OutputObjects outputs;
    private final WorkVolume workVolume;

    OutputUploads(OutputObjects outputs, WorkVolume workVolume) {
        this.outputs = outputs;
        this.workVolume = workVolume;
    }

    UploadCompleted upload(EncodingCompleted event) {
        return new UploadCompleted(event.job(), event.files().stream()
                .map(file -> upload(event.jobId(), file))
                .toList());
    }

    private StoredOutput upload(String jobId, EncodedFile file) {
        Path path = workVolume.resolve(file.file());
        if (!Files.isRegularFile(path)) {
            throw UploadException.outputMissing(file.format());
        }
        String fileName = StorageKeys.safeName(path.getFileName().toString());
        String key = StorageKeys.output(jobId, file.format(), fileName);
        long size = outputs.put(key, path, file.format(), fileName);
        return new StoredOutput(file.format(), key, fileName, size);
    }
}
