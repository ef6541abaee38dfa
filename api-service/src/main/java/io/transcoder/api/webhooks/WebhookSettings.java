package io.transcoder.api.webhooks;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Webhook settings of the api-service.
 *
 * @param defaultUrls per owner, the callback URL of every job they submit without one
 *     ({@code api.webhooks.default-urls.alice=https://hooks.example.com/transcoder}); checked at each submission as
 *     a given one is
 */
@ConfigurationProperties("api.webhooks")
public record WebhookSettings(@DefaultValue Map<String, String> defaultUrls) {}
