package io.transcoder.formats;

import io.transcoder.messages.RenditionKind;
import jakarta.validation.constraints.NotBlank;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * One file that plays from its first byte while it downloads: a video, or sound alone when it has no video codec.
 *
 * @param container ffmpeg's muxer name ({@code mp4}, {@code webm})
 * @param extension the file's extension
 * @param mediaType the file's MIME type
 * @param videoCodec ffmpeg's video encoder ({@code libx264}); none for an audio rendition
 * @param audioCodec ffmpeg's audio encoder ({@code aac})
 * @param options further ffmpeg output options, in order (preset, quality, pixel format, ...)
 */
public record Progressive(
        @NotBlank String container,
        @NotBlank String extension,
        @NotBlank String mediaType,
        @Nullable String videoCodec,
        @NotBlank String audioCodec,
        @DefaultValue List<String> options) implements Recipe {

    @Override
    public RenditionKind kind() {
        return videoCodec == null ? RenditionKind.AUDIO : RenditionKind.VIDEO;
    }
}
