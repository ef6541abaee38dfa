package io.transcoder.webhooks;

import io.transcoder.TranscoderAutoConfiguration;
import io.transcoder.TranscoderProperties;
import io.transcoder.jobs.JobStore;
import io.transcoder.storage.LinkProperties;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.json.JsonMapper;

/** What the api-service and the notifier-service share of webhooks: the URL check, the secrets and the delivery log. */
@AutoConfiguration(after = TranscoderAutoConfiguration.class)
@EnableConfigurationProperties({WebhookProperties.class, LinkProperties.class})
public class WebhooksAutoConfiguration {

    @Bean
    CallbackUrlPolicy callbackUrlPolicy(WebhookProperties webhooks) {
        return new CallbackUrlPolicy(webhooks.allowedAddresses());
    }

    /** Lazy: only the services that show or use secrets need the signing key, and they fail at start without. */
    @Bean
    @Lazy
    WebhookSecrets webhookSecrets(LinkProperties links) {
        return new WebhookSecrets(links.signingKey());
    }

    @Bean
    DeliveryLog deliveryLog(StringRedisTemplate redis, JsonMapper json, JobStore jobs, WebhookProperties webhooks,
            TranscoderProperties transcoder) {
        return new DeliveryLog(redis, json, jobs, webhooks.maxDeliveries(), transcoder.jobRetention());
    }
}
