package io.transcoder.encoder.encoding;

import io.transcoder.TranscoderProperties;
import io.transcoder.encoder.EncoderProperties;
import io.transcoder.formats.Format;
import io.transcoder.jobs.JobPhase;
import io.transcoder.jobs.JobStore;
import io.transcoder.messages.EncodedRendition;
import io.transcoder.messages.EncodingCompleted;
import io.transcoder.messages.JobTicket;
import io.transcoder.messages.RenditionKind;
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
 * source first (and looks for interlacing it does not declare), then has each format's {@link RenditionEncoder} write
 * its rendition into a partial folder, checks every file of it ({@link RenditionInspection}), renames that to
 * {@code {jobId}/out/{format}/} once it passed and lists every file in it. The job's phase says which of these it is
 * at; its progress, how far encoding got and when it should end.
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
    private final RenditionInspection inspection;

    Encoder(Ffmpeg ffmpeg, RenditionEncoders renditionEncoders, WorkVolume workVolume, JobStore jobs,
            TranscoderProperties transcoder, EncoderProperties properties) {
        this.ffmpeg = ffmpeg;
        this.renditionEncoders = renditionEncoders;
        this.workVolume = workVolume;
        this.jobs = jobs;
        this.catalogue = transcoder.formats();
        this.properties = properties;
        this.inspection = new RenditionInspection(ffmpeg);
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
        phase(job, JobPhase.PROBING);
        Probe probe = ffmpeg.probe(file);
        check(probe, formats);
        SourceVideo source = SourceVideo.of(file, probe);
        if (source.scan() == SourceVideo.Scan.UNKNOWN) {
            source = source.withScan(anyVideo(formats) ? detectScan(job, source, started)
                    : SourceVideo.Scan.PROGRESSIVE);
        }
        String name = baseName(job.sourceName());
        Map<String, RenditionEncoder> encoders = new LinkedHashMap<>();
        Map<String, Double> costs = new LinkedHashMap<>();
        for (Map.Entry<String, Format> format : formats.entrySet()) {
            RenditionEncoder encoder = renditionEncoders.of(format.getValue(), source, name);
            encoders.put(format.getKey(), encoder);
            costs.put(format.getKey(), encoder.cost());
        }
        ProgressTracker progress = new ProgressTracker(job.jobId(), costs, source.duration(), jobs::recordProgress,
                properties.progressInterval(), Clock.systemUTC());
        List<EncodedRendition> renditions = new ArrayList<>();
        encoders.forEach((id, rendition) -> {
            Path directory = workVolume.outputDirectory(job.jobId(), id);
            // a rendition's folder appears whole or not at all, so one left by an earlier attempt (whose event was
            // not confirmed) can be passed on rather than encoded again
            if (!Files.isDirectory(directory)) {
                Path partial = workVolume.partial(directory);
                try {
                    phase(job, JobPhase.ENCODING);
                    Duration remaining = properties.jobTimeLimit().minusNanos(System.nanoTime() - started);
                    rendition.encode(new EncodeRequest(id, partial, remaining, percent -> progress.update(id, percent),
                            speed -> progress.speed(id, speed)));
                    phase(job, JobPhase.CHECKING);
                    inspection.require(id, rendition, partial);
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
        return new EncodingCompleted(job, renditions, List.of());
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

    /**
     * Refuses a source none of the formats can be made of: a sound file makes only audio renditions, a silent video
     * none.
     */
    private void check(Probe probe, Map<String, Format> formats) {
        Probe.MediaStream video = probe.video().orElse(null);
        if (video == null) {
            String videoFormat = formats.entrySet().stream().filter(format -> format.getValue().kind()
                    != RenditionKind.AUDIO).map(Map.Entry::getKey).findFirst().orElse(null);
            if (probe.audio().isEmpty() || probe.duration().isZero()) {
                throw EncodingException.inputNotVideo();
            }
            if (videoFormat != null) {
                throw EncodingException.inputNotVideo(videoFormat);
            }
        } else if (probe.duration().isZero() || video.width() <= 0 || video.height() <= 0) {
            // a size ffprobe could not find (no picture decoded within the probe's limits) is no size we can check
            throw EncodingException.inputNotVideo();
        }
        if (probe.audio().isEmpty()) {
            formats.entrySet().stream().filter(format -> format.getValue().kind() == RenditionKind.AUDIO).findFirst()
                    .ifPresent(format -> {
                        throw EncodingException.inputWithoutAudio(format.getKey());
                    });
        }
        if (probe.duration().compareTo(properties.maxDuration()) > 0) {
            throw EncodingException.inputTooLong(probe.duration(), properties.maxDuration());
        }
        if (probe.streams().size() > properties.maxStreams()) {
            throw EncodingException.tooManyStreams(properties.maxStreams());
        }
        if (video == null) {
            return;
        }
        // measured regardless of orientation: a portrait video is as large as its landscape twin
        int longSide = Math.max(video.width(), video.height());
        int shortSide = Math.min(video.width(), video.height());
        if (longSide > Math.max(properties.maxWidth(), properties.maxHeight())
                || shortSide > Math.min(properties.maxWidth(), properties.maxHeight())) {
            throw EncodingException.inputTooLarge(video.width(), video.height(),
                    properties.maxWidth(), properties.maxHeight());
        }
    }

    private static boolean anyVideo(Map<String, Format> formats) {
        return formats.values().stream().anyMatch(format -> format.kind() != RenditionKind.AUDIO);
    }

    /** idet on a sample of a source that does not say it is interlaced, within the job's time. */
    private SourceVideo.Scan detectScan(JobTicket job, SourceVideo source, long started) {
        Path folder = workVolume.partial(workVolume.outputDirectory(job.jobId(), "scan"));
        try {
            long detecting = System.nanoTime();
            SourceVideo.Scan scan = ffmpeg.detectScan(source, folder,
                    properties.jobTimeLimit().minusNanos(System.nanoTime() - started));
            log.info("Job {}: idet finds the source {} in {} ms", job.jobId(), scan,
                    (System.nanoTime() - detecting) / 1_000_000);
            return scan;
        } finally {
            workVolume.discard(folder);
        }
    }

    // the phase is only shown to people: a Redis hiccup must not abort an encode
    private void phase(JobTicket job, JobPhase phase) {
        try {
            jobs.recordPhase(job.jobId(), phase);
        } catch (RuntimeException e) {
            log.warn("Could not record the phase of job {}: {}", job.jobId(), e.getMessage());
        }
    }

    /** The user's file name without its extension, made harmless: {@code My Holiday.MOV} gives {@code my_holiday}. */
    static String baseName(String sourceName) {
        String safe = StorageKeys.safeName(sourceName);
        int dot = safe.lastIndexOf('.');
        return dot > 0 ? safe.substring(0, dot) : safe;
    }
}
