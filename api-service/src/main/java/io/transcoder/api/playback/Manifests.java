package io.transcoder.api.playback;

import io.transcoder.api.problems.ApiException;
import io.transcoder.jobs.JobIds;
import io.transcoder.jobs.JobRecord;
import io.transcoder.jobs.JobState;
import io.transcoder.jobs.JobStore;
import io.transcoder.messages.RenditionFile;
import io.transcoder.messages.StoredRendition;
import io.transcoder.storage.DownloadLinks;
import io.transcoder.storage.ManifestLinks;
import io.transcoder.storage.StorageKeys;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Serves one manifest of a job to whoever holds a valid link to it, whoever they are: the link's signature is the
 * only credential. The manifest comes back rewritten with every file it names signed until the link itself expires.
 */
@Component
class Manifests {

    private static final Logger log = LoggerFactory.getLogger(Manifests.class);
    // the presigned URLs of the files a manifest names must live a whole second or two, or storage refuses them
    private static final Duration MIN_LIFE = Duration.ofSeconds(2);
    private static final Pattern EPOCH_SECONDS = Pattern.compile("[0-9]{1,12}");

    private final JobStore jobs;
    private final ManifestStore store;
    private final ManifestLinks manifestLinks;
    private final DownloadLinks downloadLinks;
    private final Clock clock = Clock.systemUTC();

    Manifests(JobStore jobs, ManifestStore store, ManifestLinks manifestLinks, DownloadLinks downloadLinks) {
        this.jobs = jobs;
        this.store = store;
        this.manifestLinks = manifestLinks;
        this.downloadLinks = downloadLinks;
    }

    /**
     * @throws ApiException {@code link-invalid} or {@code link-expired} (403) before anything is looked up;
     *     {@code job-not-found} or {@code output-not-found} (404) for a good link to what is not a manifest of a
     *     completed job; {@code broken-manifest} (500) for a stored manifest that must not be served
     */
    ServedManifest serve(String jobId, String format, String path, @Nullable String expires,
            @Nullable String signature) {
        Instant expiry = verified(jobId, format, path, expires, signature);
        StoredRendition rendition = rendition(jobId, format);
        RenditionFile manifest = rendition.files().stream()
                .filter(file -> file.path().equals(path) && DownloadLinks.isManifest(file))
                .findFirst()
                .orElseThrow(ApiException::outputNotFound);
        if (!rendition.prefix().equals(StorageKeys.rendition(jobId, format))) {
            log.error("Refused to serve {} of job {}: its record puts it at {}", format, jobId, rendition.prefix());
            throw ApiException.brokenManifest();
        }
        String text = store.read(rendition.key(manifest));
        Signer signer = new LinkSigner(jobId, rendition, expiry);
        return new ServedManifest(manifest.mediaType(), ManifestRewriter.rewrite(text, rendition, manifest, signer),
                Duration.between(clock.instant(), expiry));
    }

    private Instant verified(String jobId, String format, String path, @Nullable String expires,
            @Nullable String signature) {
        if (expires == null || signature == null || !EPOCH_SECONDS.matcher(expires).matches()) {
            throw ApiException.linkInvalid();
        }
        Instant expiry = Instant.ofEpochSecond(Long.parseLong(expires));
        // expiry first: an expired link opens nothing, whether its signature is good or not
        if (!clock.instant().plus(MIN_LIFE).isBefore(expiry)) {
            throw ApiException.linkExpired(expiry);
        }
        if (!manifestLinks.verify(jobId, format, path, expiry.getEpochSecond(), signature)) {
            throw ApiException.linkInvalid();
        }
        return expiry;
    }

    private StoredRendition rendition(String jobId, String format) {
        JobRecord job = (JobIds.isJobId(jobId) ? jobs.find(jobId) : Optional.<JobRecord>empty())
                .orElseThrow(ApiException::jobNotFound);
        if (job.state() != JobState.COMPLETED) {
            throw ApiException.outputNotFound();
        }
        return job.outputs().stream()
                .filter(output -> output.format().equals(format))
                .findFirst()
                .orElseThrow(ApiException::outputNotFound);
    }

    /** Signs what one manifest names until the manifest's own link expires. */
    private final class LinkSigner implements Signer {

        private final String jobId;
        private final StoredRendition rendition;
        private final Instant expiry;

        LinkSigner(String jobId, StoredRendition rendition, Instant expiry) {
            this.jobId = jobId;
            this.rendition = rendition;
            this.expiry = expiry;
        }

        @Override
        public String manifestQuery(String path) {
            return manifestLinks.query(jobId, rendition.format(), path, expiry);
        }

        @Override
        public URI file(RenditionFile file) {
            return downloadLinks.embedded(jobId, rendition, file, expiry);
        }
    }
}
