package io.transcoder.encoder.encoding;

import com.github.kokorin.jaffree.ffmpeg.UrlOutput;
import io.transcoder.formats.Thumbnail;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A poster from the frame most like the others (ffmpeg's {@code thumbnail} filter) among a few taken a third into the
 * video, past what videos open with (black, titles, logos), leaving out dark frames unless all of them are dark.
 */
final class ThumbnailEncoder implements RenditionEncoder {

    static final String POSTER = "poster.jpg";

    private static final Duration WINDOW = Duration.ofSeconds(10);
    private static final int CANDIDATES_PER_SECOND = 5;
    // a frame's mean luma (0 to 255) must be above this to be a candidate: black is 16 in most videos, 0 in some
    private static final int DARK = 24;
    // decoding a few seconds and scaling some frames, which we count as a small share of encoding them
    private static final double DECODE_SHARE = 0.1;

    private final Ffmpeg ffmpeg;
    private final SourceVideo source;
    private final Normalisation normalisation;
    private final int width;
    private final int height;

    ThumbnailEncoder(Ffmpeg ffmpeg, Thumbnail recipe, SourceVideo source) {
        this.ffmpeg = ffmpeg;
        this.source = source;
        this.normalisation = Normalisation.of(source, CANDIDATES_PER_SECOND);
        // never wider than the source: a poster gains nothing from being scaled up
        this.width = Math.max(2, Math.min(recipe.maxWidth(), source.width()) & ~1);
        this.height = source.heightAt(width);
    }

    @Override
    public String entry() {
        return POSTER;
    }

    @Override
    public String mediaType(String path) {
        return Thumbnail.MEDIA_TYPE;
    }

    @Override
    public double cost() {
        return source.work(source.width(), source.height()) * DECODE_SHARE
                * Math.min(1, (double) WINDOW.toMillis() / Math.max(1, source.duration().toMillis()));
    }

    @Override
    public List<RenditionCheck.Expected> expected() {
        return List.of(new RenditionCheck.Expected(POSTER,
                new RenditionCheck.Video("mjpeg", width, height, "yuvj420p", false, null, null), null, null, 0));
    }

    @Override
    public void encode(EncodeRequest request) {
        Duration seek = source.duration().dividedBy(3);
        Duration length = min(WINDOW, source.duration().minus(seek));
        Path poster = request.folder().resolve(POSTER);
        long started = System.nanoTime();
        ffmpeg.run(request, run(seek, length, poster, true));
        if (!Files.exists(poster)) {
            // every candidate was dark (a night scene), or the seek passed the last frame (a video of a few): ffmpeg
            // wrote nothing, and any frame from the start will do
            ffmpeg.run(request.after(Duration.ofNanos(System.nanoTime() - started)),
                    run(Duration.ZERO, min(WINDOW, source.duration()), poster, false));
        }
        if (!Files.exists(poster)) {
            throw EncodingException.encoderFailed(request.formatId(),
                    new IllegalStateException("ffmpeg wrote no poster of " + source.file()));
        }
    }

    private FfmpegRun run(Duration seek, Duration length, Path poster, boolean skipDark) {
        // deinterlaced before frames are dropped (bwdif needs their neighbours), SDR colours before judging darkness
        String deinterlace = normalisation.still();
        String graph = "[0:V:0]" + (deinterlace.isEmpty() ? "" : deinterlace + ",")
                + "fps=" + CANDIDATES_PER_SECOND + "," + Normalisation.sized(width, height) + ","
                + normalisation.stillColour()
                + (skipDark ? ",signalstats,metadata=select:key=lavfi.signalstats.YAVG:value=" + DARK
                        + ":function=greater" : "")
                + ",thumbnail=" + WINDOW.toSeconds() * CANDIDATES_PER_SECOND + "," + Normalisation.jpeg() + "[poster]";
        UrlOutput output = UrlOutput.toUrl(Ffmpeg.url(poster)).setFormat("image2")
                .addArguments("-map", "[poster]")
                .addArguments("-frames:v", "1")
                .addArguments("-update", "1")
                .addArguments("-q:v", "2");
        return new FfmpegRun(source.file(), seek, length, graph, List.of(output, Ffmpeg.progressOutput()), length);
    }

    /** The poster's size. */
    int width() {
        return width;
    }

    int height() {
        return height;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
