package io.transcoder.downloader.download;

import io.transcoder.messages.JobRequested;
import io.transcoder.messages.SourceDownloaded;
import io.transcoder.work.WorkVolume;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.stereotype.Service;

/** Puts a job's source into the work volume, under a temporary name until it is complete. */
@Service
class SourceDownloads {

    private final SourceObjects sources;
    private final WorkVolume workVolume;

    SourceDownloads(SourceObjects sources, WorkVolume workVolume) {
        this.sources = sources;
        this.workVolume = workVolume;
    }

    /** How many bytes the source will take; 0 if it is gone (the download then fails the job). */
    long sourceSize(JobRequested event) {
        return sources.size(event.sourceKey()).orElse(0);
    }

    SourceDownloaded download(JobRequested event) {
        Path source = workVolume.source(event.jobId());
        Path partial = workVolume.partial(source);
        try {
            Files.createDirectories(source.getParent());
            sources.download(event.sourceKey(), partial);
            workVolume.publish(partial, source);
            return new SourceDownloaded(event.job(), workVolume.relativize(source), Files.size(source));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            workVolume.discard(partial);
        }
    }
}
