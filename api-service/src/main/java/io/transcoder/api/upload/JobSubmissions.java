package io.transcoder.api.upload;

import io.transcoder.api.ApiProperties;
import io.transcoder.api.problems.ApiException;
import io.transcoder.api.security.Owner;
import io.transcoder.api.webhooks.CallbackUrls;
import io.transcoder.jobs.FailureCode;
import io.transcoder.jobs.JobIds;
import io.transcoder.jobs.JobStore;
import io.transcoder.messages.JobRequested;
import io.transcoder.messages.JobTicket;
import io.transcoder.messaging.EventPublisher;
import io.transcoder.storage.StorageKeys;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.util.Objects;
import org.apache.commons.fileupload2.jakarta.servlet6.JakartaServletFileUpload;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpException;
import org.springframework.stereotype.Service;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Turns a multipart upload into a queued job of its owner: admits it, reads it ({@link UploadReader}) while it streams
 * the video to storage, checks the callback URL it names (or its owner's default, {@link CallbackUrls}), records the
 * job and publishes {@link JobRequested}. A refused or failed submission keeps nothing: its stored source is deleted
 * before the error is answered.
 */
@Service
class JobSubmissions {

    private static final Logger log = LoggerFactory.getLogger(JobSubmissions.class);

    private final SourceStore sources;
    private final JobStore jobs;
    private final EventPublisher publisher;
    private final UploadReader reader;
    private final Admission admission;
    private final ApiProperties api;
    private final CallbackUrls callbackUrls;

    JobSubmissions(SourceStore sources, JobStore jobs, EventPublisher publisher, UploadReader reader,
            Admission admission, ApiProperties api, CallbackUrls callbackUrls) {
        this.sources = sources;
        this.jobs = jobs;
        this.publisher = publisher;
        this.reader = reader;
        this.admission = admission;
        this.api = api;
        this.callbackUrls = callbackUrls;
    }

    /**
     * A queued job.
     *
     * @param fingerprint the request's, to recognise a repeat of it ({@link UploadReader.Upload#fingerprint}); null
     *     unless asked for
     */
    record Accepted(String jobId, @Nullable String fingerprint) {}

    /** {@code fingerprinted}: whether the answer needs the request's fingerprint (an idempotent submission). */
    Accepted submit(HttpServletRequest request, Owner owner, boolean fingerprinted) {
        requireMultipart(request);
        String jobId = JobIds.next();
        admission.admit(owner, jobId);
        try {
            return receive(paced(request), jobId, owner, fingerprinted);
        } catch (RuntimeException e) {
            admission.release(owner, jobId);
            throw e;
        }
    }

    /**
     * Reads an upload as {@link #submit} does, refusing what it would refuse, for the request's fingerprint only:
     * the video is read and dropped, and nothing is kept.
     */
    String fingerprint(HttpServletRequest request) {
        requireMultipart(request);
        return Objects.requireNonNull(reader.read(paced(request),
                (clientName, content) -> content.transferTo(OutputStream.nullOutputStream()), true).fingerprint());
    }

    private void requireMultipart(HttpServletRequest request) {
        if (!JakartaServletFileUpload.isMultipartContent(request)) {
            throw ApiException.notMultipart();
        }
    }

    private HttpServletRequest paced(HttpServletRequest request) {
        return new PacedRequest(request, new UploadPace(api, System::nanoTime));
    }

    private Accepted receive(HttpServletRequest request, String jobId, Owner owner, boolean fingerprinted) {
        StoringSink sink = new StoringSink(jobId);
        try {
            UploadReader.Upload upload = reader.read(request, sink, fingerprinted);
            // looked up once the upload is in: what its host resolves to is not known before
            URI callbackUrl = callbackUrls.forSubmission(upload.fields().callbackUrl(), owner);
            queue(new JobTicket(jobId, owner.id(), upload.fields().email(), upload.fields().formats(),
                    upload.clientName()), StorageKeys.source(jobId, upload.clientName()), callbackUrl);
            return new Accepted(jobId, upload.fingerprint());
        } catch (RuntimeException e) {
            sink.discard();
            throw e;
        }
    }

    private void queue(JobTicket ticket, String sourceKey, @Nullable URI callbackUrl) {
        jobs.create(ticket, callbackUrl);
        try {
            publisher.publish(new JobRequested(ticket, sourceKey));
        } catch (AmqpException e) {
            log.error("Could not queue job {}", ticket.jobId(), e);
            jobs.failAnswered(ticket.jobId(), FailureCode.STAGE_ERROR, "The job could not be queued.");
            throw ApiException.unavailable("The job queue");
        }
        log.info("Queued job {} of {} in {}", ticket.jobId(), ticket.owner(), ticket.formats());
    }

    /** Streams the video to storage under the job's source key, and can remove it again. */
    private final class StoringSink implements UploadReader.VideoSink {

        private final String jobId;
        private @Nullable String key;

        StoringSink(String jobId) {
            this.jobId = jobId;
        }

        @Override
        public void take(String clientName, InputStream content) throws IOException {
            String target = StorageKeys.source(jobId, clientName);
            try {
                sources.store(target, clientName, content);
                key = target; // one that failed half-way removed itself
            } catch (SdkException e) {
                log.error("Could not store the upload of job {}", jobId, e);
                throw ApiException.unavailable("Storage");
            }
        }

        void discard() {
            if (key != null) {
                sources.delete(key);
            }
        }
    }
}
