package io.transcoder.api.upload;

import io.transcoder.api.ApiProperties;
import io.transcoder.api.formats.FormatCatalogue;
import io.transcoder.api.problems.ApiException;
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
 * Turns a multipart upload into a queued job: reads the parts as they arrive, streams the video to storage, records
 * the job and publishes {@link JobRequested}. A refused or failed submission keeps nothing: its stored source is
 * deleted before the error is answered.
 */
@Service
class JobSubmissions {

    private static final Logger log = LoggerFactory.getLogger(JobSubmissions.class);
    private static final int MAX_FIELD_BYTES = 4096;
    /** Room for the text parts and multipart framing on top of the video itself. */
    private static final long FORM_OVERHEAD_BYTES = 64 * 1024;

    private final SourceStore sources;
    private final JobStore jobs;
    private final EventPublisher publisher;
    private final FormatCatalogue catalogue;
    private final Validator validator;
    private final ApiProperties api;

    JobSubmissions(SourceStore sources, JobStore jobs, EventPublisher publisher, FormatCatalogue catalogue,
            Validator validator, ApiProperties api) {
        this.sources = sources;
        this.jobs = jobs;
        this.publisher = publisher;
        this.catalogue = catalogue;
        this.validator = validator;
        this.api = api;
    }

    String submit(HttpServletRequest request) {
        if (!JakartaServletFileUpload.isMultipartContent(request)) {
            throw ApiException.notMultipart();
        }
        String jobId = JobIds.next();
        SubmissionFields fields = new SubmissionFields();
        StoredSource source = null;
        try {
            FileItemInputIterator parts = upload().getItemIterator(request);
            while (parts.hasNext()) {
                FileItemInput part = parts.next();
                if (part.isFormField()) {
                    fields.add(part.getFieldName(), read(part));
                } else if ("file".equals(part.getFieldName())) {
                    if (source != null) {
                        throw ApiException.severalFiles();
                    }
                    fields.checkSoFar(catalogue, validator);
                    source = store(jobId, part);
                }
            }
            SubmissionFields.Checked checked = fields.check(catalogue, validator);
            if (source == null) {
                throw ApiException.missingFile();
            }
            if (source.size() == 0) {
                throw ApiException.emptyFile();
            }
            queue(new JobTicket(jobId, "anonymous", checked.email(), checked.formats(), source.clientName()), source.key());
            return jobId;
        } catch (RuntimeException e) {
            discard(source);
            throw e;
        } catch (FileUploadSizeException e) {
            discard(source);
            throw ApiException.uploadTooLarge(api.maxUploadSize());
        } catch (FileUploadException e) {
            discard(source);
            throw ApiException.malformedUpload(e.getMessage());
        } catch (IOException e) {
            discard(source);
            throw sizeExceeded(e) ? ApiException.uploadTooLarge(api.maxUploadSize())
                    : ApiException.malformedUpload("the upload broke off (" + e.getMessage() + ")");
        }
    }

    private JakartaServletFileUpload<?, ?> upload() {
        JakartaServletFileUpload<?, ?> upload = new JakartaServletFileUpload<>();
        upload.setFileSizeMax(api.maxUploadSize().toBytes());
        upload.setSizeMax(api.maxUploadSize().toBytes() + FORM_OVERHEAD_BYTES);
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
        log.info("Queued job {} for {} in {}", ticket.jobId(), ticket.sourceName(), ticket.formats());
    }

    private void discard(@Nullable StoredSource source) {
        if (source != null) {
            sources.delete(source.key());
        }
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

    private static boolean sizeExceeded(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof FileUploadSizeException) {
                return true;
            }
        }
        return false;
    }

    private record StoredSource(String key, String clientName, long size) {}
}
