package io.transcoder.encoder.encoding;

import com.github.kokorin.jaffree.ffmpeg.UrlOutput;
import io.transcoder.formats.Progressive;
import java.util.List;

/** One file at the source's own size, with the recipe's codecs, container and options. */
final class ProgressiveEncoder implements RenditionEncoder {

    private final Ffmpeg ffmpeg;
    private final Progressive recipe;
    private final SourceVideo source;
    private final String entry;

    ProgressiveEncoder(Ffmpeg ffmpeg, Progressive recipe, SourceVideo source, String baseName) {
        this.ffmpeg = ffmpeg;
        this.recipe = recipe;
        this.source = source;
        this.entry = baseName + "." + recipe.extension();
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
        return source.work(source.width(), source.height());
    }

    @Override
    public void encode(EncodeRequest request) {
        UrlOutput output = UrlOutput.toUrl(Ffmpeg.url(request.folder().resolve(entry)))
                .setFormat(recipe.container())
                .addArguments("-map", "0:V:0")
                .addArguments("-map", "0:a:0?")
                .addArguments("-c:v", recipe.videoCodec())
                .addArguments("-c:a", recipe.audioCodec());
        recipe.options().forEach(output::addArgument);
        ffmpeg.run(request, FfmpegRun.whole(source, null, List.of(output)));
    }
}
