package io.transcoder.notifier.webhooks;

import io.transcoder.TranscoderProperties;
import io.transcoder.jobs.JobRecord;
import io.transcoder.jobs.JobStore;
import io.transcoder.messages.JobEvent;
import io.transcoder.messaging.EventPublisher;
import io.transcoder.messaging.Subscription;
import io.transcoder.webhooks.CallbackUrlPolicy;
import io.transcoder.webhooks.CallbackUrlRefusedException;
import io.transcoder.webhooks.Delivery;
import io.transcoder.webhooks.Delivery.Outcome;
import io.transcoder.webhooks.DeliveryLog;
import io.transcoder.webhooks.WebhookEvent;
import io.transcoder.webhooks.WebhookSecrets;
import io.transcoder.webhooks.WebhookSignature;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one webhook event of a job to its callback URL, once per message: reads the job, checks the URL again
 * (what its name resolves to may have changed since submission), POSTs the signed event and records the attempt in
 * the job's {@link DeliveryLog}, whose count of earlier attempts makes this one's number. An attempt that fails is
 * tried again through the subscription's retry queues, each wait one of {@code transcoder.retry.delays} (the last
 * repeated), until {@code giveUpAfter} has passed since the first: that attempt is the last and is recorded as
 * GAVE_UP. A URL the check refuses is recorded as REFUSED and not tried again. The job itself is only read.
 *
 * <p>At least once: the attempt is recorded before the retry is queued, and if either fails the exception reaches
 * the listener container, which hands the message back to its queue; a receiver may so see an event twice, under the
 * same {@code Transcoder-Event-Id}.
 */
class WebhookDeliveries {

    static final String USER_AGENT = "transcoder-webhooks/1";

    private static final Logger log = LoggerFactory.getLogger(WebhookDeliveries.class);

    private final JobStore jobs;
    private final DeliveryLog deliveries;
    private final CallbackUrlPolicy policy;
    private final WebhookSecrets secrets;
    private final WebhookPayloads payloads;
    private final WebhookSender sender;
    private final EventPublisher publisher;
    private final TranscoderProperties.Retry retry;
    private final Duration giveUpAfter;
    private final Clock clock;

    WebhookDeliveries(JobStore jobs, DeliveryLog deliveries, CallbackUrlPolicy policy, WebhookSecrets secrets,
            WebhookPayloads payloads, WebhookSender sender, EventPublisher publisher, TranscoderProperties.Retry retry,
            Duration giveUpAfter, Clock clock) {
        this.jobs = jobs;
        this.deliveries = deliveries;
        this.policy = policy;
        this.secrets = secrets;
        this.payloads = payloads;
        this.sender = sender;
        this.publisher = publisher;
        this.retry = retry;
        this.giveUpAfter = giveUpAfter;
        this.clock = clock;
    }

    /** Delivers {@code event}, which {@code subscription} consumed, as {@code webhook}. */
    void deliver(JobEvent event, Subscription subscription, WebhookEvent webhook) {
        String jobId = event.jobId();
        Optional<JobRecord> found = jobs.find(jobId);
        if (found.isEmpty()) {
            log.info("Job {} is unknown (expired?); no {} webhook", jobId, webhook.type());
            return;
        }
        JobRecord job = found.get();
        URI url = job.callbackUrl();
        if (url == null) {
            return;
        }
        if (job.attempt() != event.job().attempt() || job.state() != webhook.state()) {
            log.info("Job {} has moved on to attempt {} ({}); not telling of attempt {} any more", jobId, job.attempt(),
                    job.state(), event.job().attempt());
            return;
        }
        String eventId = webhook.id(jobId, job.attempt());
        DeliveryLog.Progress progress = deliveries.progress(jobId, eventId);
        if (progress.settled()) {
            log.info("Webhook {} has been dealt with already ({})", eventId, progress.lastOutcome());
            return;
        }
        int attempt = progress.attempts() + 1;
        Instant now = clock.instant();
        Instant first = progress.firstAttempt() == null ? now : progress.firstAttempt();
        Attempt outcome = attempt(job, url, eventId, webhook, attempt, now, first);
        Outcome recorded = outcome.failedFor() == null ? outcome.outcome() : retryOrGiveUp(now, first, attempt);
        deliveries.record(jobId, new Delivery(webhook.type(), eventId, url, attempt, now, outcome.statusCode(),
                outcome.error(), recorded));
        log(eventId, url, attempt, outcome, recorded);
        if (recorded == Outcome.RETRYING) {
            publisher.sendBackLater(event, subscription, retry.delay(attempt - 1));
        }
    }

    /** What one attempt came to; {@code failedFor} set when it failed in a way that a later attempt may mend. */
    private record Attempt(Outcome outcome, @Nullable Integer statusCode, @Nullable String error,
            @Nullable String failedFor) {}

    private Attempt attempt(JobRecord job, URI url, String eventId, WebhookEvent webhook, int attempt, Instant now,
            Instant first) {
        try {
            policy.check(url);
        } catch (CallbackUrlRefusedException e) {
            String why = "The callback URL was not called: " + e.getMessage();
            return e.unresolved() ? new Attempt(Outcome.RETRYING, null, why, why)
                    : new Attempt(Outcome.REFUSED, null, why, null);
        }
        byte[] body = payloads.body(eventId, webhook, first, job);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("User-Agent", USER_AGENT);
        headers.put("Transcoder-Event", webhook.type());
        headers.put("Transcoder-Event-Id", eventId);
        headers.put("Transcoder-Delivery-Attempt", String.valueOf(attempt));
        headers.put(WebhookSignature.HEADER, WebhookSignature.header(secrets.secret(job.owner()), now, body));
        WebhookSender.Answer answer = sender.post(url, headers, body);
        return answer.delivered() ? new Attempt(Outcome.DELIVERED, answer.statusCode(), null, null)
                : new Attempt(Outcome.RETRYING, answer.statusCode(), answer.error(), answer.error());
    }

    /** Retried unless the next attempt would come after the deadline. */
    private Outcome retryOrGiveUp(Instant now, Instant first, int attempt) {
        return now.plus(retry.delay(attempt - 1)).isAfter(first.plus(giveUpAfter)) ? Outcome.GAVE_UP : Outcome.RETRYING;
    }

    private void log(String eventId, URI callbackUrl, int attempt, Attempt outcome, Outcome recorded) {
        // a receiver's URL often carries a token in its query: the log gets without it
        String url = callbackUrl.getScheme() + "://" + callbackUrl.getRawAuthority()
                + (callbackUrl.getRawPath() == null ? "" : callbackUrl.getRawPath());
        switch (recorded) {
            case DELIVERED -> log.info("Webhook {} delivered to {} (attempt {}, {})", eventId, url, attempt,
                    outcome.statusCode());
            case RETRYING -> log.warn("Webhook {} to {} failed (attempt {}): {}; trying again in {}", eventId, url,
                    attempt, outcome.error(), retry.delay(attempt - 1));
            case GAVE_UP -> log.warn("Webhook {} to {} failed (attempt {}): {}; giving up after {}", eventId, url,
                    attempt, outcome.error(), giveUpAfter);
            case REFUSED -> log.warn("Webhook {} not sent: {}", eventId, outcome.error());
        }
    }
}
