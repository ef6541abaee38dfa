package io.transcoder.uploader;

import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param sweepInterval how often the work volume is swept for files no job needs any more, and jobs for ones that
 *     are stuck
 * @param sweepAge how long a job's directory must have been left alone before the sweeper may remove it
 * @param stuckAfter how long an unfinished job may go without any change before it is failed: longer than a job
 *     may wait in a queue and take to encode
 * @param parallelUploads how many files of a job are stored at once: an HLS ladder is hundreds of segments, each a
 *     round trip of its own
 */
@Validated
@ConfigurationProperties("uploader")
public record UploaderProperties(
        @DefaultValue("15m") Duration sweepInterval,
        @DefaultValue("6h") Duration sweepAge,
        @DefaultValue("12h") Duration stuckAfter,
        @DefaultValue("8") @Positive int parallelUploads) {}
