package io.transcoder.downloader;

import jakarta.validation.constraints.AssertTrue;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * When the downloader takes a job.
 *
 * @param minFreeSpace what the work volume keeps free: a source is downloaded only if it fits above this, and below
 *     it the downloader takes no job at all (the encoder writes its renditions into the same volume)
 * @param spaceCheckInterval how often the free space is read while jobs wait for room (and, when they do not, to
 *     notice the volume filling up before the next job arrives)
 */
@Validated
@ConfigurationProperties("downloader")
public record DownloaderProperties(
        @DefaultValue("2GB") DataSize minFreeSpace,
        @DefaultValue("10s") @DurationMin(millis = 1) Duration spaceCheckInterval) {

    @AssertTrue(message = "downloader.min-free-space must not be negative")
    public boolean isMinFreeSpaceNotNegative() {
        return !minFreeSpace.isNegative();
    }
}
