package io.transcoder.encoder.encoding;

import io.transcoder.encoder.EncoderProperties;
import io.transcoder.formats.Format;
import io.transcoder.formats.Hls;
import io.transcoder.formats.Progressive;
import io.transcoder.formats.Recipe;
import io.transcoder.formats.Storyboard;
import io.transcoder.formats.Thumbnail;
import org.springframework.stereotype.Component;

/** The encoder of each kind of recipe. */
@Component
class RenditionEncoders {

    private final Ffmpeg ffmpeg;
    private final EncoderProperties properties;

    RenditionEncoders(Ffmpeg ffmpeg, EncoderProperties properties) {
        this.ffmpeg = ffmpeg;
        this.properties = properties;
    }

    /** The encoder of a format for one source; {@code baseName} names a progressive file after the upload. */
    RenditionEncoder of(Format format, SourceVideo source, String baseName) {
        Recipe recipe = format.recipe();
        if (recipe instanceof Progressive progressive) {
            return new ProgressiveEncoder(ffmpeg, progressive, source, baseName, properties.maxFrameRate());
        }
        if (recipe instanceof Hls hls) {
            return new HlsLadder(ffmpeg, hls, source, properties.maxFrameRate());
        }
        if (recipe instanceof Thumbnail thumbnail) {
            return new ThumbnailEncoder(ffmpeg, thumbnail, source);
        }
        if (recipe instanceof Storyboard storyboard) {
            return new StoryboardEncoder(ffmpeg, storyboard, source);
        }
        throw new IllegalStateException("No encoder for " + recipe);
    }
}
