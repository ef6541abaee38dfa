package io.transcoder.notifier.webhooks;

import io.transcoder.jobs.FailureCode;
import io.transcoder.jobs.JobState;
import io.transcoder.messages.RenditionKind;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The JSON a webhook POSTs: the event and the job as it ended, with the field names of the API's job view.
 *
 * @param id the event's id, the same for every delivery of it ({@code Transcoder-Event-Id})
 * @param type {@code job.completed}, {@code job.failed} or {@code job.cancelled}
 * @param createdAt when the event was first delivered
 */
record WebhookPayload(String id, String type, Instant createdAt, Job job) {

    /**
     * The job.
     *
     * @param pageUrl the job on the service's page
     * @param outputs one per rendition, once the job is COMPLETED, each with a link that works without credentials
     *     until its {@code expiresAt}
     * @param failures the formats that could not be made, while others were
     * @param error why the job failed, once it is FAILED
     */
    record Job(String id, JobState state, String sourceName, List<String> formats, int attempt, List<Output> outputs,
            List<Failure> failures, @Nullable Error error, Instant createdAt, Instant updatedAt, URI pageUrl) {}

    record Output(String format, RenditionKind kind, String fileName, String mediaType, long size, URI url,
            Instant expiresAt, @Nullable List<File> files) {}

    record File(String path, long size, String mediaType, URI url) {}

    record Failure(String format, FailureCode code, String reason) {}

    record Error(String code, String message, @Nullable JobState stage) {}
}
