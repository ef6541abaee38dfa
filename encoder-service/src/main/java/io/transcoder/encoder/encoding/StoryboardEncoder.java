package io.transcoder.encoder.encoding;

import com.github.kokorin.jaffree.ffmpeg.UrlOutput;
import io.transcoder.formats.Storyboard;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;

/**
 * Seek previews from one run over the whole video: a frame each interval, scaled to a tile and laid out in one
 * sprite sheet; then the cues that point into it.
 */
final class StoryboardEncoder implements RenditionEncoder {

    static final String SPRITE = "sprite.jpg";
    static final String CUES = "storyboard.vtt";

    // it decodes the whole video but encodes one picture, which we count as a small share of encoding it all
    private static final double DECODE_SHARE = 0.1;
    // JPEG quality (2 best, 31 worst): tiles are seen small and briefly, and a player fetches the sheet at once
    private static final String QUALITY = "5";

    private final Ffmpeg ffmpeg;
    private final SourceVideo source;
    private final StoryboardLayout layout;
    private final Normalisation normalisation;

    StoryboardEncoder(Ffmpeg ffmpeg, Storyboard recipe, SourceVideo source) {
        this.ffmpeg = ffmpeg;
        this.source = source;
        this.layout = StoryboardLayout.of(recipe, source);
        // tiles are not deinterlaced: bwdif would run over every frame of the video, and scaling a picture down to a
        // tile blends the lines of both fields anyway, which is all deinterlacing would do to it
        this.normalisation = Normalisation.of(source, 1);
    }

    StoryboardLayout layout() {
        return layout;
    }

    @Override
    public String entry() {
        return CUES;
    }

    @Override
    public String mediaType(String path) {
        return path.endsWith(".vtt") ? Storyboard.MEDIA_TYPE : "image/jpeg";
    }

    @Override
    public double cost() {
        return source.work(source.width(), source.height()) * DECODE_SHARE;
    }

    @Override
    public List<RenditionCheck.Expected> expected() {
        return List.of(new RenditionCheck.Expected(SPRITE, new RenditionCheck.Video("mjpeg", layout.sheetWidth(),
                layout.sheetHeight(), "yuvj420p", false, null, null), null, null, 0));
    }

    @Override
    public void encode(EncodeRequest request) {
        // tile k is the first frame at or after k intervals; tile always lays out the whole grid, so the sheet is
        // exactly as large as the layout says, with black where a video stream ends before its container does
        String graph = "[0:V:0]select='gte(t-start_t," + "selected_n*" + Ffmpeg.seconds(layout.interval()) + ")'"
                + "," + Normalisation.sized(layout.tileWidth(), layout.tileHeight()) + "," + normalisation.stillColour()
                + ",tile=" + layout.columns() + "x" + layout.rows() + ":nb_frames=" + layout.tiles()
                + "," + Normalisation.jpeg() + "[sheet]";
        UrlOutput sprite = UrlOutput.toUrl(Ffmpeg.url(request.folder().resolve(SPRITE))).setFormat("image2")
                .addArguments("-map", "[sheet]")
                .addArguments("-frames:v", "1")
                .addArguments("-update", "1")
                .addArguments("-q:v", QUALITY);
        ffmpeg.run(request, FfmpegRun.whole(source, graph, List.of(sprite, Ffmpeg.progressOutput())));
        if (!Files.exists(request.folder().resolve(SPRITE))) {
            throw EncodingException.encoderFailed(request.formatId(),
                    new IllegalStateException("ffmpeg wrote no sprite sheet of " + source.file()));
        }
        try {
            Files.writeString(request.folder().resolve(CUES), layout.cues(SPRITE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
