package io.transcoder.formats;

import io.transcoder.messages.RenditionKind;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * A poster JPEG ({@code poster.jpg}) from a representative frame of the video, at the source's display aspect.
 *
 * @param maxWidth the widest it gets; a narrower source keeps its own width
 */
public record Thumbnail(@DefaultValue("1280") @Positive int maxWidth) implements Recipe {

    public static final String MEDIA_TYPE = "image/jpeg";

    @Override
    public RenditionKind kind() {
        return RenditionKind.IMAGE;
    }

    @Override
    public String mediaType() {
        return MEDIA_TYPE;
    }
}
