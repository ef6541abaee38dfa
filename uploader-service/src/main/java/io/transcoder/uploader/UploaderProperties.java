package io.transcoder.uploader;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param sweepInterval how often the work volume is swept for files no job needs any more
 * @param sweepAge how long a job's directory must have been left alone before the sweeper may remove it
 */
@ConfigurationProperties("uploader")
public record UploaderProperties(
        @DefaultValue("15m") Duration sweepInterval,
        @DefaultValue("6h") Duration sweepAge) {}
