package io.transcoder.notifier;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the notifier writes its emails.
 *
 * @param from the sender address of every email
 * @param linkTtl how long download links work; at most 7 days, the longest a SigV4 presigned URL may live
 * @param maxEmailsPerHour how many emails one owner is sent in any hour; a job over the limit gets none and records
 *     its notification as {@code SUPPRESSED}
 * @param claimHold how long a notifier holds its claim to send a job's email, so that no other sends it meanwhile:
 *     longer than sending one may take (the SMTP timeouts), short enough that a notifier that died while sending
 *     holds nobody up for long
 */
@Validated
@ConfigurationProperties("notifier")
public record NotifierProperties(
        @DefaultValue("transcoder@localhost") @NotBlank @Email String from,
        @DefaultValue("7d") @DurationMin(seconds = 1) @DurationMax(days = 7) Duration linkTtl,
        @DefaultValue("30") @Positive int maxEmailsPerHour,
        @DefaultValue("2m") @DurationMin(seconds = 1) Duration claimHold) {}
