package io.transcoder.webhooks;

import jakarta.validation.constraints.Positive;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Webhook settings the api-service (which checks a callback URL when a job is submitted, and shows its deliveries) and
 * the notifier-service (which checks it again before every delivery, and records them) must agree on.
 *
 * @param allowedAddresses addresses or CIDR ranges ({@code 127.0.0.1}, {@code ::1}, {@code 10.1.0.0/16}) a callback
 *     URL may reach although they are loopback, private, link-local or otherwise internal; none by default
 * @param maxDeliveries how many deliveries are kept per job, the newest
 */
@Validated
@ConfigurationProperties("transcoder.webhooks")
public record WebhookProperties(@DefaultValue List<String> allowedAddresses, @DefaultValue("100") @Positive int maxDeliveries) {}
