package io.transcoder.notifier.webhooks;

import io.transcoder.jobs.JobRecord;
import io.transcoder.jobs.JobState;
import io.transcoder.messages.RenditionKind;
import io.transcoder.messages.StoredRendition;
import io.transcoder.storage.DownloadLinks;
import io.transcoder.webhooks.WebhookEvent;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/** Writes the body of a webhook from the job as Redis holds it, with fresh download links. */
class WebhookPayloads {

    private final DownloadLinks links;
    private final Duration linkTtl;
    private final URI publicUrl;
    private final JsonMapper json;
    private final Clock clock;

    WebhookPayloads(DownloadLinks links, Duration linkTtl, URI publicUrl, JsonMapper json, Clock clock) {
        this.links = links;
        this.linkTtl = linkTtl;
        this.publicUrl = publicUrl;
        this.json = json;
        this.clock = clock;
    }

    byte[] body(String eventId, WebhookEvent event, Instant createdAt, JobRecord job) {
        return json.writeValueAsBytes(new WebhookPayload(eventId, event.type(), createdAt, job(job)));
    }

    private WebhookPayload.Job job(JobRecord job) {
        // taken before signing, so the payload never promises more time than the signatures give
        Instant expiresAt = clock.instant().plus(linkTtl);
        List<WebhookPayload.Output> outputs = job.state() != JobState.COMPLETED ? List.of()
                : job.outputs().stream().map(output -> output(job.id(), output, expiresAt)).toList();
        List<WebhookPayload.Failure> failures = job.failures().stream()
                .map(failure -> new WebhookPayload.Failure(failure.format(), failure.code(), failure.reason()))
                .toList();
        WebhookPayload.Error error = job.error() == null ? null
                : new WebhookPayload.Error(job.error().code(), job.error().message(), job.failedIn());
        return new WebhookPayload.Job(job.id(), job.state(), job.sourceName(), job.formats(), job.attempt(), outputs,
                failures, error, job.createdAt(), job.updatedAt(), pageUrl(job.id()));
    }

    private WebhookPayload.Output output(String jobId, StoredRendition output, Instant expiresAt) {
        @Nullable List<WebhookPayload.File> files = output.kind() != RenditionKind.IMAGE ? null : output.files().stream()
                .map(file -> new WebhookPayload.File(file.path(), file.size(), file.mediaType(),
                        links.download(jobId, output, file, linkTtl)))
                .toList();
        return new WebhookPayload.Output(output.format(), output.kind(), output.entryFile().name(),
                output.entryFile().mediaType(), output.size(), links.download(jobId, output, linkTtl), expiresAt, files);
    }

    private URI pageUrl(String jobId) {
        return URI.create(publicUrl.toString().replaceAll("/+$", "") + "/?job=" + jobId);
    }
}
