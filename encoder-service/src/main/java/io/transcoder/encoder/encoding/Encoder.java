package io.transcoder.encoder.encoding;

import io.transcoder.TranscoderProperties;
import io.transcoder.encoder.EncoderProperties;
import io.transcoder.formats.Format;
import io.transcoder.jobs.JobStore;
import io.transcoder.messages.EncodedRendition;
import io.transcoder.messages.EncodingCompleted;
import io.transcoder.messages.JobTicket;
import io.transcoder.messages.RenditionFile;
import io.transcoder.messages.SourceDownloaded;
import io.transcoder.storage.StorageKeys;
import io.transcoder.work.WorkVolume;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Encodes a job's source into each requested format, in order, within the job's time budget: probes and checks the
 * source first, then has each format's {@link RenditionEncoder} write its rendition into a partial folder, renames
 * that to {@code {jobId}/out/{format}/} once complete and lists every file in it.
 */
@Service
class Encoder {

    private static final Logger log = LoggerFactory.getLogger(Encoder.class);

    private final Ffmpeg ffmpeg;
    private final RenditionEncoders renditionEncoders;
    private final WorkVolume workVolume;
    private final JobStore jobs;
    private final Map<String, Format> catalogue;
    private final EncoderProperties properties;

    Encoder(Ffmpeg ffmpeg, RenditionEncoders renditionEncoders, WorkVolume workVolume, JobStore jobs,
            TranscoderProperties transcoder, EncoderProperties properties) {
        this.ffmpeg = ffmpeg;
        this.renditionEncoders = renditionEncoders;
        this.workVolume = workVolume;
        this.jobs = jobs;
        this.catalogue = transcoder.formats();
        this.properties = properties;
    }

    EncodingCompleted encode(SourceDownloaded event) {
        long started = System.nanoTime();
        JobTicket job = event.job();
        Map<String, Format> formats = formatsOf(job);
        Path file = workVolume.resolve(event.sourceFile());
        if (!Files.isRegularFile(file)) {
            log.error("Job {}: the source {} is not in the work volume; do downloader and encoder share it?",
                    job.jobId(), file);
            throw EncodingException.sourceMissing();
        }
        Probe probe = ffmpeg.probe(file);
        check(probe);
        SourceVideo source = SourceVideo.of(file, probe);
        String name = baseName(job.sourceName());
        Map<String, RenditionEncoder> encoders = new LinkedHashMap<>();
        Map<String, Double> costs = new LinkedHashMap<>();
        formats.forEach((id, format) -> {
            encoders.put(id, renditionEncoders.of(format, source, name));
            costs.put(id, encoders.get(id).cost());
        });
        ProgressTracker progress = new ProgressTracker(job.jobId(), costs,
                (jobId, format, formatPercent, overall) -> jobs.recordProgress(jobId, format, formatPercent, overall, null),
                properties.progressInterval(), Clock.systemUTC());
        List<EncodedRendition> renditions = new ArrayList<>();
        encoders.forEach((id, rendition) -> {
            Path directory = workVolume.outputDirectory(job.jobId(), id);
            // a rendition's folder appears whole or not at all, so one left by an earlier attempt (whose event was
            // not confirmed) can be passed on rather than encoded again
            if (!Files.isDirectory(directory)) {
                Path partial = workVolume.partial(directory);
                try {
                    Duration remaining = properties.jobTimeLimit().minusNanos(System.nanoTime() - started);
                    rendition.encode(new EncodeRequest(id, partial, remaining, percent -> progress.update(id, percent)));
                    workVolume.publish(partial, directory);
                } finally {
                    workVolume.discard(partial);
                }
            }
            progress.update(id, 100);
            List<RenditionFile> files = RenditionFiles.list(directory, rendition.entry(), rendition::mediaType);
            renditions.add(new EncodedRendition(id, formats.get(id).kind(), workVolume.relativize(directory),
                    rendition.entry(), files));
            log.info("Job {}: encoded {} ({} files, {} bytes)", job.jobId(), id, files.size(),
                    files.stream().mapToLong(RenditionFile::size).sum());
        });
        return new EncodingCompleted(job, renditions);
    }

    private Map<String, Format> formatsOf(JobTicket job) {
        Map<String, Format> formats = new LinkedHashMap<>();
        for (String id : job.formats()) {
            Format format = catalogue.get(id);
            if (format == null) {
                log.error("Job {} asks for the format {}, which is not in this encoder's catalogue {}: "
                        + "do the api's and the encoder's catalogues agree?", job.jobId(), id, catalogue.keySet());
                throw EncodingException.unknownFormat(id);
            }
            formats.put(id, format);
        }
        return formats;
    }

    private void check(Probe probe) {
        Probe.MediaStream video = probe.video().orElseThrow(EncodingException::inputNotVideo);
        // a size ffprobe could not find (no picture decoded within the probe's limits) is no size we can check
        if (probe.duration().isZero() || video.width() <= 0 || video.height() <= 0) {
            throw EncodingException.inputNotVideo();
        }
        if (probe.duration().compareTo(properties.maxDuration()) > 0) {
            throw EncodingException.inputTooLong(probe.duration(), properties.maxDuration());
        }
        // measured regardless of orientation: a portrait video is as large as its landscape twin
        int longSide = Math.max(video.width(), video.height());
        int shortSide = Math.min(video.width(), video.height());
        if (longSide > Math.max(properties.maxWidth(), properties.maxHeight())
                || shortSide > Math.min(properties.maxWidth(), properties.maxHeight())) {
            throw EncodingException.inputTooLarge(video.width(), video.height(),
                    properties.maxWidth(), properties.maxHeight());
        }
        if (probe.streams().size() > properties.maxStreams()) {
            throw EncodingException.tooManyStreams(properties.maxStreams());
        }
    }

    /** The user's file name without its extension, made harmless: {@code My Holiday.MOV} gives {@code my_holiday}. */
    static String baseName(String sourceName) {
        String safe = StorageKeys.safeName(sourceName);
        int dot = safe.lastIndexOf('.');
        return dot > 0 ? safe.substring(0, dot) : safe;
    }
}
