package io.transcoder.api;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * @param auth {@code keys}: every request but health and the page needs an API key; {@code none}: no keys, every
 *     job belongs to {@code localOwner} (only for a closed network)
 * @param keys the API keys of each owner, as SHA-256 hashes in hex ({@code api.keys.alice=<hex>,<hex>})
 * @param localOwner the owner of every job when {@code auth} is {@code none}
 * @param maxUploadSize the largest video accepted; a larger upload is refused with 413 while it streams in
 * @param maxParts the most parts one upload may have
 * @param maxFieldsSize the most bytes all text parts of one upload may hold together
 * @param minUploadRate the slowest an upload may arrive, in bytes per second, averaged over {@code minUploadRateWindow}
 * @param minUploadRateWindow the span over which an upload's rate is measured
 * @param uploadDeadline the longest one upload may take altogether
 * @param maxUnfinishedJobs the most jobs one owner may have unfinished (including uploads in progress)
 * @param maxSubmissionsPerMinute the most jobs one owner may submit in a minute
 * @param maxBacklog the most jobs that may wait to be downloaded or encoded before submissions are refused
 * @param maxEventStreams the most live event streams one owner may hold open on one api-service
 * @param downloadLinkTtl how long the download links in a job's answer stay valid
 */
@Validated
@ConfigurationProperties("api")
public record ApiProperties(
        @DefaultValue("keys") Auth auth,
        @DefaultValue Map<String, List<@Pattern(regexp = "[0-9a-fA-F]{64}") String>> keys,
        @DefaultValue("local") String localOwner,
        @DefaultValue("2GB") DataSize maxUploadSize,
        @DefaultValue("32") @Positive int maxParts,
        @DefaultValue("64KB") DataSize maxFieldsSize,
        @DefaultValue("16KB") DataSize minUploadRate,
        @DefaultValue("60s") @DurationMin(seconds = 1) Duration minUploadRateWindow,
        @DefaultValue("2h") Duration uploadDeadline,
        @DefaultValue("10") @Positive int maxUnfinishedJobs,
        @DefaultValue("30") @Positive int maxSubmissionsPerMinute,
        @DefaultValue("500") @Positive int maxBacklog,
        @DefaultValue("10") @Positive int maxEventStreams,
        @DefaultValue("1h") @DurationMin(seconds = 1) @DurationMax(days = 7) Duration downloadLinkTtl) {

    public enum Auth { KEYS, NONE }
}
