package io.transcoder.uploader;

import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param sweepInterval how often the work volume and the sources in storage are swept for files no job needs any
 *     more, and jobs for ones that are stuck
 * @param sweepAge how long a job's directory must have been left alone, or a source stored, before a sweeper may
 *     remove it: longer than an upload may take (the api's upload deadline)
 * @param stuckAfter how long an unfinished job may go without any change before it is failed: longer than a job
 *     may wait in a queue and take to encode, and more than twice the longest retry delay
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
