package io.transcoder.api.upload;

import io.transcoder.api.ApiProperties;
import io.transcoder.api.formats.FormatCatalogue;
import io.transcoder.api.problems.ApiException;
import io.transcoder.api.security.Owner;
import io.transcoder.jobs.FailureCode;
import io.transcoder.jobs.JobIds;
import io.transcoder.jobs.JobStore;
import io.transcoder.messages.JobRequested;
import io.transcoder.messages.JobTicket;
import io.transcoder.messaging.EventPublisher;
import io.transcoder.storage.StorageKeys;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Validator;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import org.apache.commons.fileupload2.core.FileItemInput;
import org.apache.commons.fileupload2.core.FileItemInputIterator;
import org.apache.commons.fileupload2.core.FileUploadException;
import org.apache.commons.fileupload2.core.FileUploadSizeException;
import org.apache.commons.fileupload2.jakarta.servlet6.JakartaServletFileUpload;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpException;
import org.springframework.stereotype.Service;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Turns a multipart upload into a queued job of its owner: admits it, reads the parts as they arrive (a bounded
 * number, at a bounded pace), streams the video to storage, records the job and publishes {@link JobRequested}. A
 * refused or failed submission keeps nothing: its stored source is deleted before the error is answered.
 */
@Service
class JobSubmissions {

    private static final Logger log = LoggerFactory.getLogger(JobSubmissions.class);
    private static final int MAX_FIELD_BYTES = 4096;

    private final SourceStore sources;
    private final JobStore jobs;
    private final EventPublisher publisher;
    private final FormatCatalogue catalogue;
    private final Validator validator;
    private final Admission admission;
    private final ApiProperties api;

    JobSubmissions(SourceStore sources, JobStore jobs, EventPublisher publisher, FormatCatalogue catalogue,
            Validator validator, Admission admission, ApiProperties api) {
        this.sources = sources;
        this.jobs = jobs;
        this.publisher = publisher;
        this.catalogue = catalogue;
        this.validator = validator;
        this.admission = admission;
        this.api = api;
    }

    String submit(HttpServletRequest request, Owner owner) {
        if (!JakartaServletFileUpload.isMultipartContent(request)) {
            throw ApiException.notMultipart();
        }
        String jobId = JobIds.next();
        admission.admit(owner, jobId);
        try {
            receive(new PacedRequest(request, new UploadPace(api, System::nanoTime)), new Submission(jobId, owner));
            return jobId;
        } catch (RuntimeException e) {
            admission.release(owner, jobId);
            throw e;
        }
    }

    private void receive(HttpServletRequest request, Submission submission) {
        SubmissionFields fields = new SubmissionFields();
        StoredSource source = null;
        try {
            FileItemInputIterator parts = upload().getItemIterator(request);
            int count = 0;
            long fieldBytes = 0;
            while (parts.hasNext()) {
                FileItemInput part = parts.next();
                if (++count > api.maxParts()) {
                    throw ApiException.tooManyParts(api.maxParts());
                }
                if (part.isFormField()) {
                    String value = read(part);
                    fieldBytes += value.getBytes(StandardCharsets.UTF_8).length;
                    if (fieldBytes > api.maxFieldsSize().toBytes()) {
                        throw ApiException.fieldsTooLarge(api.maxFieldsSize());
                    }
                    fields.add(part.getFieldName(), value);
                } else if ("file".equals(part.getFieldName())) {
                    if (source != null) {
                        throw ApiException.severalFiles();
                    }
                    fields.checkSoFar(catalogue, validator);
                    source = store(submission.jobId(), part);
                }
            }
            SubmissionFields.Checked checked = fields.check(catalogue, validator);
            if (source == null) {
                throw ApiException.missingFile();
            }
            if (source.size() == 0) {
                throw ApiException.emptyFile();
            }
            queue(new JobTicket(submission.jobId(), submission.owner().id(), checked.email(), checked.formats(),
                    source.clientName()), source.key());
        } catch (RuntimeException e) {
            discard(source);
            throw e;
        } catch (IOException e) {
            discard(source);
            throw refusal(e);
        }
    }

    private JakartaServletFileUpload<?, ?> upload() {
        JakartaServletFileUpload<?, ?> upload = new JakartaServletFileUpload<>();
        upload.setFileSizeMax(api.maxUploadSize().toBytes());
        // room for the text parts and the multipart framing on top of the video itself
        upload.setSizeMax(api.maxUploadSize().toBytes() + api.maxFieldsSize().toBytes() + 64L * 1024);
        upload.setHeaderCharset(StandardCharsets.UTF_8);
        return upload;
    }

    private StoredSource store(String jobId, FileItemInput part) throws IOException {
        String clientName = part.getName() == null || part.getName().isBlank() ? "video" : part.getName();
        String key = StorageKeys.source(jobId, clientName);
        try (InputStream content = part.getInputStream()) {
            long size = sources.store(key, clientName, content);
            return new StoredSource(key, clientName, size);
        } catch (SdkException e) {
            log.error("Could not store the upload of job {}", jobId, e);
            throw ApiException.unavailable("Storage");
        }
    }

    private void queue(JobTicket ticket, String sourceKey) {
        jobs.create(ticket);
        try {
            publisher.publish(new JobRequested(ticket, sourceKey));
        } catch (AmqpException e) {
            log.error("Could not queue job {}", ticket.jobId(), e);
            jobs.fail(ticket.jobId(), FailureCode.STAGE_ERROR, "The job could not be queued.");
            jobs.markFailureAnnounced(ticket.jobId()); // the client hears of it in the answer, not by email
            throw ApiException.unavailable("The job queue");
        }
        log.info("Queued job {} of {} in {}", ticket.jobId(), ticket.owner(), ticket.formats());
    }

    private void discard(@Nullable StoredSource source) {
        if (source != null) {
            sources.delete(source.key());
        }
    }

    /** Why reading the upload failed, in the client's terms. */
    private ApiException refusal(IOException e) {
        UploadPace.TooSlowException slow = cause(e, UploadPace.TooSlowException.class);
        if (slow != null) {
            return ApiException.uploadTooSlow(slow.getMessage());
        }
        if (cause(e, SocketTimeoutException.class) != null) {
            return ApiException.uploadTooSlow("nothing arrived for too long.");
        }
        if (cause(e, FileUploadSizeException.class) != null) {
            return ApiException.uploadTooLarge(api.maxUploadSize());
        }
        if (e instanceof FileUploadException) {
            return ApiException.malformedUpload(e.getMessage());
        }
        return ApiException.malformedUpload("the upload broke off (" + e.getMessage() + ")");
    }

    private static String read(FileItemInput part) throws IOException {
        try (InputStream in = part.getInputStream()) {
            byte[] value = in.readNBytes(MAX_FIELD_BYTES + 1);
            if (value.length > MAX_FIELD_BYTES) {
                throw ApiException.fieldTooLong(part.getFieldName(), MAX_FIELD_BYTES);
            }
            return new String(value, StandardCharsets.UTF_8);
        }
    }

    private static <T extends Throwable> @Nullable T cause(Throwable e, Class<T> type) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }

    private record Submission(String jobId, Owner owner) {}

    private record StoredSource(String key, String clientName, long size) {}
}
