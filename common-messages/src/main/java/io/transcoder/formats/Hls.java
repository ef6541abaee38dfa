package io.transcoder.formats;

import io.transcoder.messages.RenditionKind;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * An adaptive HLS ladder of H.264 and AAC in fragmented MP4: a master playlist ({@code master.m3u8}) naming one
 * media playlist per rung ({@code {height}p/index.m3u8}), with keyframes aligned across rungs at every segment
 * boundary. Rungs taller than the source are left out; a source shorter than the lowest rung gets one rung at its own
 * height.
 *
 * @param segmentDuration the length of every segment but the last
 * @param videoOptions further libx264 options every rung shares (preset, profile)
 * @param ladder the rungs, tallest first
 */
public record Hls(
        @DefaultValue("6s") Duration segmentDuration,
        @DefaultValue List<String> videoOptions,
        @NotEmpty List<@Valid Rung> ladder) implements Recipe {

    public static final String MEDIA_TYPE = "application/vnd.apple.mpegurl";

    @Override
    public RenditionKind kind() {
        return RenditionKind.STREAM;
    }

    @Override
    public String mediaType() {
        return MEDIA_TYPE;
    }

    /**
     * One rung of the ladder.
     *
     * @param height the picture's height; its width keeps the source's display aspect
     * @param videoKbps the video's target bitrate
     * @param audioKbps the audio's bitrate
     */
    public record Rung(@Positive int height, @Positive int videoKbps, @Positive int audioKbps) {

        /** Its folder in the rendition and its name in the master playlist: {@code 720p}. */
        public String name() {
            return height + "p";
        }
    }
}
