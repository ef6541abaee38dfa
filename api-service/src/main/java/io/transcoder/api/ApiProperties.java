package io.transcoder.api;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * @param maxUploadSize the largest video accepted; a larger upload is refused with 413 while it streams in
 * @param downloadLinkTtl how long the download links in a job's answer stay valid
 */
@Validated
@ConfigurationProperties("api")
public record ApiProperties(
        @DefaultValue("2GB") DataSize maxUploadSize,
        @DefaultValue("1h") Duration downloadLinkTtl) {}
