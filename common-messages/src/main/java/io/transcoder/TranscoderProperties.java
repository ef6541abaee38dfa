package io.transcoder;

import io.transcoder.formats.Format;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings every service shares and must agree on.
 *
 * @param namespace prefix of every exchange, queue and Redis key, so several installations (or test runs) can share
 *     one broker and one Redis
 * @param workDir root of the work volume shared by the downloader, encoder and uploader
 * @param jobRetention how long a job's state is kept after its last change
 * @param deliveryLimit how often RabbitMQ delivers one message before it parks it (changing it needs the queues
 *     deleted first: RabbitMQ refuses to redeclare a queue with other arguments)
 * @param publishTimeout how long a publisher waits for the broker to confirm a message
 * @param formats the format catalogue, by id; the api-service offers it, the encoder-service encodes it
 * @param retry how a stage waits out an outage of what it needs
 */
@Validated
@ConfigurationProperties("transcoder")
public record TranscoderProperties(
        @DefaultValue("transcoder") @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,40}") String namespace,
        @DefaultValue("${java.io.tmpdir}/transcoder-work") Path workDir,
        @DefaultValue("7d") Duration jobRetention,
        @DefaultValue("5") @Positive int deliveryLimit,
        @DefaultValue("10s") Duration publishTimeout,
        @NotEmpty Map<String, @Valid Format> formats,
        @Valid Retry retry) {

    /**
     * A stage that finds storage, the mail server or Redis unreachable hands its message to the broker to be
     * delivered again later, ever later, until its service's budget is spent; then the job fails with
     * {@code UNAVAILABLE}.
     *
     * @param delays the waits before each further attempt, the last repeated (each is a queue of its own: changing
     *     them declares new ones)
     * @param budgets per service ({@code downloader}, {@code encoder}, {@code uploader}, {@code notifier}), how long
     *     after the first failure it keeps trying
     */
    public record Retry(@NotEmpty List<Duration> delays, Map<String, Duration> budgets) {

        /** The wait before the attempt after {@code retries} earlier ones. */
        public Duration delay(int retries) {
            return delays.get(Math.min(retries, delays.size() - 1));
        }

        public Duration budget(String service) {
            return budgets.getOrDefault(service, Duration.ofHours(1));
        }
    }
}
