package io.transcoder.notifier.webhooks;

import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the notifier delivers webhooks. The waits between attempts are {@code transcoder.retry.delays}, the last one
 * repeated.
 *
 * @param giveUpAfter how long after its first attempt an event is retried; the attempt that would be retried later
 *     is the last, {@code GAVE_UP}
 * @param connectTimeout how long connecting to a receiver may take
 * @param requestTimeout how long a receiver may take to answer, once connected
 * @param consumers how many deliveries run at once, per event type, so that one slow receiver holds up few others
 */
@Validated
@ConfigurationProperties("notifier.webhooks")
public record WebhookDeliveryProperties(
        @DefaultValue("24h") @DurationMin(seconds = 1) Duration giveUpAfter,
        @DefaultValue("5s") @DurationMin(millis = 100) Duration connectTimeout,
        @DefaultValue("10s") @DurationMin(millis = 100) Duration requestTimeout,
        @DefaultValue("2") @Positive int consumers) {}
