package io.transcoder.encoder.encoding;

import io.transcoder.TranscoderProperties;
import io.transcoder.encoder.EncoderProperties;
import io.transcoder.formats.Format;
import io.transcoder.jobs.JobFailureException;
import io.transcoder.jobs.JobPhase;
import io.transcoder.jobs.JobStore;
import io.transcoder.messages.EncodedRendition;
import io.transcoder.messages.EncodingCompleted;
import io.transcoder.messages.FormatFailure;
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
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Encodes a job's source into each requested format, in order, within the job's time budget: probes and checks the
 * source first (and looks for interlacing it does not declare), then has each format's {@link RenditionEncoder} write
 * its rendition into a partial folder, checks every file of it ({@link RenditionInspection}), renames that to
 * {@code {jobId}/out/{format}/} once it passed (and this encoder still holds the job's lease) and lists every file in
 * it. A format that fails is recorded as a {@link FormatFailure} while the others go on. The job's phase says which of
 * these it is at; its progress, how far encoding got and when it should end.
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

    /** Encodes with nothing to stop it from outside: for tools and tests. */
    EncodingCompleted encode(SourceDownloaded event) {
        return encode(event, EncodeGuard.none(event.jobId()));
    }

    /**
     * Encodes every format of the ticket. A format that fails is recorded and the others go on; only when all of
     * them failed on a job's first attempt does the first failure fail the job (a retry completes even so, since the
     * job keeps its earlier renditions). A problem of the source fails the job; a stop by the {@code guard} throws
     * {@link EncodeStopped}, leaving no partial folder.
     */
    EncodingCompleted encode(SourceDownloaded event, EncodeGuard guard) {
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
            source = source.withScan(anyVideo(formats) ? detectScan(job, source, started, guard)
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
        List<FormatFailure> failures = new ArrayList<>();
        @Nullable JobFailureException firstFailure = null;
        for (Map.Entry<String, RenditionEncoder> entry : encoders.entrySet()) {
            String id = entry.getKey();
            RenditionEncoder rendition = entry.getValue();
            Path directory = workVolume.outputDirectory(job.jobId(), id);
            // a rendition's folder appears whole or not at all, so one left by an earlier attempt (whose event was
            // not confirmed) can be passed on rather than encoded again
            boolean encodedBefore = Files.isDirectory(directory);
            if (!encodedBefore) {
                try {
                    encodeInto(directory, id, rendition, job, guard, progress, started);
                } catch (JobFailureException e) {
                    guard.check();
                    log.warn("Job {}: could not make {}: {} {}", job.jobId(), id, e.code(), e.getMessage());
                    failures.add(new FormatFailure(id, e.code(), e.getMessage()));
                    firstFailure = firstFailure == null ? e : firstFailure;
                    progress.abandon(id);
                    continue;
                }
            }
            progress.update(id, 100);
            List<RenditionFile> files = RenditionFiles.list(directory, rendition.entry(), rendition::mediaType);
            renditions.add(new EncodedRendition(id, formats.get(id).kind(), workVolume.relativize(directory),
                    rendition.entry(), files));
            if (encodedBefore) {
                log.info("Job {}: {} was encoded before; passing it on", job.jobId(), id);
            } else {
                log.info("Job {}: encoded {} ({} files, {} bytes)", job.jobId(), id, files.size(),
                        files.stream().mapToLong(RenditionFile::size).sum());
            }
        }
        if (renditions.isEmpty() && firstFailure != null && job.attempt() == 1) {
            throw firstFailure;
        }
        guard.confirm();
        return new EncodingCompleted(job, renditions, failures);
    }

    /**
     * Writes one rendition into a partial folder, checks it, and renames it into place if this encoder still holds
     * the job; the partial folder goes in any case.
     */
    private void encodeInto(Path directory, String id, RenditionEncoder rendition, JobTicket job, EncodeGuard guard,
            ProgressTracker progress, long started) {
        Path partial = workVolume.partial(directory);
        try {
            phase(job, JobPhase.ENCODING);
            Duration remaining = properties.jobTimeLimit().minusNanos(System.nanoTime() - started);
            rendition.encode(new EncodeRequest(id, partial, remaining, percent -> progress.update(id, percent),
                    speed -> progress.speed(id, speed), guard));
            guard.check();
            phase(job, JobPhase.CHECKING);
            inspection.require(id, rendition, partial);
            guard.confirm();
            workVolume.publish(partial, directory);
        } finally {
            workVolume.discard(partial);
        }
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
    private SourceVideo.Scan detectScan(JobTicket job, SourceVideo source, long started, EncodeGuard guard) {
        Path folder = workVolume.partial(workVolume.outputDirectory(job.jobId(), "scan"));
        try {
            long detecting = System.nanoTime();
            SourceVideo.Scan scan = ffmpeg.detectScan(source, folder,
                    properties.jobTimeLimit().minusNanos(System.nanoTime() - started), guard);
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
