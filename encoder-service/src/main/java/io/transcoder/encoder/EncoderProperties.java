package io.transcoder.encoder;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Positive;
import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * How the encoder treats untrusted sources and how long it may take.
 *
 * @param ffmpegPath the directory holding {@code ffmpeg} and {@code ffprobe}; found on the PATH when empty
 * @param maxDuration the longest source accepted, by what its file says and by what ffmpeg finds in it: a rendition is
 *     cut a second past this, and a source still playing there fails as too long
 * @param maxWidth the widest source accepted (a portrait source is measured turned on its side); with
 *     {@code maxHeight} it also bounds the pixels of any one picture a decoder accepts ({@code -max_pixels})
 * @param maxHeight the tallest source accepted (likewise)
 * @param maxStreams the most streams (video, audio, subtitles, data) a source may have
 * @param maxFrameRate the highest frame rate of a rendition; a faster source is encoded at this rate ({@code -fpsmax})
 * @param probeSize how much of a source ffprobe and ffmpeg read to find its streams ({@code -probesize})
 * @param analyzeDuration how much of a source's playing time they read to find its streams ({@code -analyzeduration})
 * @param jobTimeLimit the wall-clock budget for probing and encoding all formats of one job
 * @param brokerConsumerTimeout RabbitMQ's consumer timeout ({@code consumer_timeout} in rabbitmq.conf, 30 minutes
 *     unless changed there): how long the broker lets a delivery stay unacknowledged
 * @param leaseTtl how long an encoder's lease on a job lasts unless renewed (every third of it while the job encodes):
 *     how soon another encoder takes over a job whose encoder died
 * @param leaseBusyDelay how long a delivery of a job another encoder holds waits (in a retry queue) before it asks
 *     again
 * @param stallTimeout how long ffmpeg may go without making progress before it is stopped
 * @param maxOutputSize the largest rendition written, all its files together (ffmpeg's {@code -fs} bounds each file,
 *     the encoder watches the rendition's folder); a larger one fails the job
 * @param progressInterval the least time between two progress writes of one job; below ffmpeg's own period (half a
 *     second), so that it only ever drops a burst, never the one report of a period (which would show progress a
 *     period late)
 */
@Validated
@ConfigurationProperties("encoder")
public record EncoderProperties(
        @Nullable Path ffmpegPath,
        @DefaultValue("4h") Duration maxDuration,
        @DefaultValue("7680") @Positive int maxWidth,
        @DefaultValue("4320") @Positive int maxHeight,
        @DefaultValue("16") @Positive int maxStreams,
        @DefaultValue("60") @Positive int maxFrameRate,
        @DefaultValue("5MB") DataSize probeSize,
        @DefaultValue("5s") Duration analyzeDuration,
        @DefaultValue("25m") Duration jobTimeLimit,
        @DefaultValue("30m") Duration brokerConsumerTimeout,
        @DefaultValue("60s") Duration stallTimeout,
        @DefaultValue("10GB") DataSize maxOutputSize,
        @DefaultValue("200ms") Duration progressInterval,
        @DefaultValue("30s") Duration leaseTtl,
        @DefaultValue("30s") Duration leaseBusyDelay) {

    /**
     * The encoder acknowledges a message only after the job is encoded and the next event confirmed. Should an encode
     * outlast the broker's consumer timeout, RabbitMQ closes the channel and requeues the message. The job's encode
     * lease makes that copy harmless (whoever receives it finds the lease held and sends it back to wait, and once
     * the job has moved on it is dropped), but each such redelivery costs a channel and a copy circling through the
     * retry queues, so we keep the broker's timeout (RabbitMQ 3.10 cannot set one per queue) and bound every job
     * below it: a configuration that breaks this must not start.
     */
    @AssertTrue(message = "encoder.job-time-limit must be less than encoder.broker-consumer-timeout, "
            + "or RabbitMQ requeues a long encode and it runs twice")
    public boolean isJobTimeLimitWithinConsumerTimeout() {
        return jobTimeLimit.compareTo(brokerConsumerTimeout) < 0;
    }
}
