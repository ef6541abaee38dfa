package io.transcoder.api.webhooks;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.transcoder.api.jobs.JobViews;
import io.transcoder.api.security.Owner;
import io.transcoder.webhooks.DeliveryLog;
import io.transcoder.webhooks.WebhookSecrets;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Webhooks", description = "The signing secret of webhook events and the deliveries of a job's events")
class WebhookController {

    private final JobViews views;
    private final DeliveryLog deliveries;
    private final WebhookSecrets secrets;

    WebhookController(JobViews views, DeliveryLog deliveries, WebhookSecrets secrets) {
        this.views = views;
        this.deliveries = deliveries;
        this.secrets = secrets;
    }

    @Operation(summary = "List a job's webhook deliveries", description = """
            Every attempt to deliver the job's webhook events (job.completed, job.failed, job.cancelled) to its \
            callback URL, oldest first (the newest 100, unless configured otherwise): when, the receiver's status code, the attempt, the \
            error and the outcome (DELIVERED, RETRYING, GAVE_UP, REFUSED). Empty for a job without a callback URL.""")
    @GetMapping("/api/jobs/{id}/deliveries")
    DeliveryList deliveries(@Parameter(description = "The job's id") @PathVariable String id,
            @AuthenticationPrincipal Owner owner) {
        views.owned(id, owner);
        return new DeliveryList(deliveries.deliveries(id));
    }

    @Operation(summary = "Get your webhook signing secret", description = """
            The secret your webhook events are signed with: each carries `Transcoder-Signature: t={unix seconds},\
            v1={hex HMAC-SHA256 keyed with this whole secret over t + "." + the raw body}`. It is derived from the \
            installation's signing key, so it stays the same until an operator changes that key.""")
    @GetMapping("/api/webhook-secret")
    WebhookSecret secret(@AuthenticationPrincipal Owner owner) {
        return new WebhookSecret(secrets.secret(owner.id()));
    }
}
