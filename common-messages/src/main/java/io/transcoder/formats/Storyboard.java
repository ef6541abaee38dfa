package io.transcoder.formats;

import io.transcoder.messages.RenditionKind;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Seek previews: a sprite sheet ({@code sprite.jpg}) of tiles taken at a fixed interval, and a WebVTT file
 * ({@code storyboard.vtt}, the entry) whose cues cover the whole video with {@code sprite.jpg#xywh=x,y,w,h}
 * references, the form Video.js, Plyr and Vidstack read.
 *
 * @param tileWidth every tile's width; its height keeps the source's display aspect
 * @param columns tiles per row of the sheet
 * @param maxTiles the most tiles a long video gets: its interval grows instead
 * @param minInterval the shortest interval between tiles, which a short video gets
 */
public record Storyboard(
        @DefaultValue("160") @Positive int tileWidth,
        @DefaultValue("10") @Positive int columns,
        @DefaultValue("100") @Positive int maxTiles,
        @DefaultValue("2s") Duration minInterval) implements Recipe {

    public static final String MEDIA_TYPE = "text/vtt";

    @Override
    public RenditionKind kind() {
        return RenditionKind.IMAGE;
    }

    @Override
    public String mediaType() {
        return MEDIA_TYPE;
    }
}
