package io.transcoder.encoder.encoding;

import com.github.kokorin.jaffree.ffmpeg.UrlOutput;
import io.transcoder.formats.Progressive;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One file at the source's displayed size (or its sound alone, for a recipe without a video codec), normalised, with
 * the recipe's codecs, container and options.
 */
final class ProgressiveEncoder implements RenditionEncoder {

    // what encoding sound costs next to video, in pixels a second: a small share of even a small picture's
    private static final double AUDIO_WORK = 320 * 180;

    private final Ffmpeg ffmpeg;
    private final Progressive recipe;
    private final SourceVideo source;
    private final Normalisation normalisation;
    private final String entry;
    private final int width;
    private final int height;
    private @Nullable Duration played;

    ProgressiveEncoder(Ffmpeg ffmpeg, Progressive recipe, SourceVideo source, String baseName, int maxFrameRate) {
        this.ffmpeg = ffmpeg;
        this.recipe = recipe;
        this.source = source;
        this.normalisation = Normalisation.of(source, maxFrameRate);
        this.entry = baseName + "." + recipe.extension();
        // never larger than the source: even, at its display aspect
        this.width = Math.max(2, source.width() & ~1);
        this.height = Math.max(2, Math.min(source.heightAt(width), source.height() & ~1));
    }

    ProgressiveEncoder(Ffmpeg ffmpeg, Progressive recipe, SourceVideo source, String baseName) {
        this(ffmpeg, recipe, source, baseName, 60);
    }

    @Override
    public String entry() {
        return entry;
    }

    @Override
    public String mediaType(String path) {
        return recipe.mediaType();
    }

    @Override
    public double cost() {
        double seconds = Math.max(source.duration().toMillis(), 1) / 1000.0;
        return hasVideo() ? source.work(width, height) : AUDIO_WORK * seconds;
    }

    boolean hasVideo() {
        return recipe.videoCodec() != null;
    }

    /** The size of the video, 0 by 0 without one. */
    int width() {
        return hasVideo() ? width : 0;
    }

    int height() {
        return hasVideo() ? height : 0;
    }

    Normalisation normalisation() {
        return normalisation;
    }

    @Override
    public List<RenditionCheck.Expected> expected() {
        RenditionCheck.Video video = hasVideo()
                ? new RenditionCheck.Video(RenditionCheck.codecOf(recipe.videoCodec()), width, height, "yuv420p", true,
                        "libx265".equals(recipe.videoCodec()) ? "Main" : null, option("-tag:v"))
                : null;
        String audio = source.audio() ? Objects.requireNonNullElse(RenditionCheck.codecOf(recipe.audioCodec()), "")
                : null;
        return List.of(new RenditionCheck.Expected(entry, video, audio, source.duration(), played,
                hasVideo() ? normalisation.rate().value() : 0));
    }

    private @Nullable String option(String name) {
        int at = recipe.options().indexOf(name);
        return at >= 0 && at + 1 < recipe.options().size() ? recipe.options().get(at + 1) : null;
    }

    @Override
    public void encode(EncodeRequest request) {
        List<String> graph = new ArrayList<>();
        UrlOutput output = UrlOutput.toUrl(Ffmpeg.url(request.folder().resolve(entry)))
                .setFormat(recipe.container());
        // a stream mapped from the graph ignores -vn and -an: a recipe's options that say none get none (and a
        // rendition without the sound its source has fails its check)
        if (hasVideo() && !recipe.options().contains("-vn")) {
            graph.add("[0:V:0]" + normalisation.video(width, height) + "[v]");
            output.addArguments("-map", "[v]").addArguments("-c:v", recipe.videoCodec());
            Normalisation.VIDEO_TAGS.forEach(output::addArgument);
        }
        if (source.audio() && !recipe.options().contains("-an")) {
            graph.add(normalisation.audioInput() + Normalisation.audio() + "[a]");
            output.addArguments("-map", "[a]").addArguments("-c:a", recipe.audioCodec());
        }
        recipe.options().forEach(output::addArgument);
        played = RenditionCheck.played(ffmpeg.run(request, FfmpegRun.whole(source, String.join(";", graph),
                List.of(output))), source.duration());
    }
}
