package io.transcoder.formats;

import io.transcoder.messages.RenditionKind;
import jakarta.validation.constraints.NotBlank;
import java.util.List;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * One entry of the format catalogue: how to encode a rendition.
 *
 * @param description what a person choosing a format reads
 * @param container ffmpeg's muxer name ({@code mp4}, {@code webm})
 * @param extension the output file's extension
 * @param mediaType the output's MIME type
 * @param videoCodec ffmpeg's video encoder ({@code libx264})
 * @param audioCodec ffmpeg's audio encoder ({@code aac})
 * @param options further ffmpeg output options, in order (preset, quality, pixel format, ...)
 * @param kind what the rendition is to its receiver
 */
public record Format(
        @NotBlank String description,
        @NotBlank String container,
        @NotBlank String extension,
        @NotBlank String mediaType,
        @NotBlank String videoCodec,
        @NotBlank String audioCodec,
        @DefaultValue List<String> options,
        @DefaultValue("VIDEO") RenditionKind kind) {}
