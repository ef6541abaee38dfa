package io.transcoder.encoder.encoding;

import com.github.kokorin.jaffree.ffmpeg.UrlOutput;
import io.transcoder.formats.Hls;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;

/**
 * An HLS ladder from one ffmpeg run: the source is decoded once and split, each rung scaled and encoded with its own
 * bitrates, keyframes forced at every segment boundary in all of them, and the HLS muxer writes each rung's fMP4
 * segments and media playlist into the rung's folder. {@link HlsMaster} then writes the master playlist.
 */
final class HlsLadder implements RenditionEncoder {

    static final String MASTER = "master.m3u8";
    static final String FFMPEG_MASTER = "ffmpeg-master.m3u8";

    /** One rung as this source gets it: {@code name} is its folder. */
    record Step(String name, int width, int height, int videoKbps, int audioKbps) {}

    private final Ffmpeg ffmpeg;
    private final Hls recipe;
    private final SourceVideo source;
    private final List<Step> steps;
    private final Normalisation normalisation;
    private final double frameRate;
    private @Nullable Duration played;

    HlsLadder(Ffmpeg ffmpeg, Hls recipe, SourceVideo source, int maxFrameRate) {
        this.ffmpeg = ffmpeg;
        this.recipe = recipe;
        this.source = source;
        this.steps = plan(recipe, source);
        this.normalisation = Normalisation.of(source, maxFrameRate);
        this.frameRate = normalisation.rate().value();
    }

    /** The rungs no taller than the source, tallest first; one at the source's own height when none is. */
    static List<Step> plan(Hls recipe, SourceVideo source) {
        List<Step> steps = recipe.ladder().stream()
                .filter(rung -> rung.height() <= source.height())
                .sorted(Comparator.comparingInt(Hls.Rung::height).reversed())
                .map(rung -> step(rung.name(), rung.height(), rung, source))
                .toList();
        if (!steps.isEmpty()) {
            return steps;
        }
        Hls.Rung lowest = recipe.ladder().stream().min(Comparator.comparingInt(Hls.Rung::height)).orElseThrow();
        int height = Math.max(2, source.height() & ~1);
        return List.of(step(height + "p", height, lowest, source));
    }

    private static Step step(String name, int height, Hls.Rung rates, SourceVideo source) {
        int even = Math.max(2, height & ~1);
        // never wider than the source either (a portrait source's rung at its own height)
        return new Step(name, Math.min(source.widthAt(even), Math.max(2, source.width() & ~1)), even,
                rates.videoKbps(), rates.audioKbps());
    }

    List<Step> steps() {
        return steps;
    }

    @Override
    public String entry() {
        return MASTER;
    }

    @Override
    public String mediaType(String path) {
        if (path.endsWith(".m3u8")) {
            return Hls.MEDIA_TYPE;
        }
        return path.endsWith(".m4s") ? "video/iso.segment" : "video/mp4";
    }

    @Override
    public double cost() {
        return steps.stream().mapToDouble(step -> source.work(step.width(), step.height())).sum();
    }

    @Override
    public List<RenditionCheck.Expected> expected() {
        return steps.stream().map(step -> new RenditionCheck.Expected(step.name() + "/index.m3u8",
                new RenditionCheck.Video("h264", step.width(), step.height(), "yuv420p", true, null, null),
                source.audio() ? "aac" : null, source.duration(), played, frameRate)).toList();
    }

    @Override
    public void encode(EncodeRequest request) {
        played = RenditionCheck.played(ffmpeg.run(request, FfmpegRun.whole(source, filterGraph(),
                List.of(output(request)))), source.duration());
        HlsMaster.write(request.folder(), steps, frameRate);
    }

    Normalisation normalisation() {
        return normalisation;
    }

    /** Normalised once at the tallest rung's size, then split and scaled to each rung; the sound likewise. */
    private String filterGraph() {
        String split = IntStream.range(0, steps.size()).mapToObj(i -> "[s" + i + "]").collect(Collectors.joining());
        StringBuilder graph = new StringBuilder("[0:V:0]" + normalisation.video(steps.get(0).width(),
                steps.get(0).height()) + ",split=" + steps.size() + split);
        for (int i = 0; i < steps.size(); i++) {
            graph.append(";[s").append(i).append(']')
                    .append(Normalisation.picture(steps.get(i).width(), steps.get(i).height()))
                    .append("[v").append(i).append(']');
        }
        if (source.audio()) {
            String audio = IntStream.range(0, steps.size()).mapToObj(i -> "[a" + i + "]")
                    .collect(Collectors.joining());
            graph.append(';').append(normalisation.audioInput()).append(Normalisation.audio())
                    .append(",asplit=").append(steps.size()).append(audio);
        }
        return graph.toString();
    }

    private UrlOutput output(EncodeRequest request) {
        // plain absolute paths: the HLS muxer makes each rung's folder itself and cannot with a file: URL
        String folder = request.folder().toAbsolutePath().toString();
        String segment = Ffmpeg.seconds(recipe.segmentDuration());
        UrlOutput output = UrlOutput.toUrl(folder + "/%v/index.m3u8").setFormat("hls");
        List<String> variants = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            output.addArguments("-map", "[v" + i + "]");
            if (source.audio()) {
                output.addArguments("-map", "[a" + i + "]");
            }
            variants.add("v:" + i + (source.audio() ? ",a:" + i : "") + ",name:" + steps.get(i).name());
        }
        output.addArguments("-c:v", "libx264");
        Normalisation.VIDEO_TAGS.forEach(output::addArgument);
        recipe.videoOptions().forEach(output::addArgument);
        for (int i = 0; i < steps.size(); i++) {
            int kbps = steps.get(i).videoKbps();
            output.addArguments("-b:v:" + i, kbps + "k")
                    .addArguments("-maxrate:v:" + i, kbps + "k")
                    .addArguments("-bufsize:v:" + i, 2 * kbps + "k");
            if (source.audio()) {
                output.addArguments("-b:a:" + i, steps.get(i).audioKbps() + "k");
            }
        }
        if (source.audio()) {
            output.addArguments("-c:a", "aac");
        }
        // the same keyframes in every rung, so that a player can switch at any segment boundary
        output.addArguments("-force_key_frames", "expr:gte(t,n_forced*" + segment + ")")
                .addArguments("-sc_threshold", "0");
        if (frameRate > 0) {
            long gop = Math.max(1, Math.round(frameRate * recipe.segmentDuration().toMillis() / 1000.0));
            output.addArguments("-g", String.valueOf(gop));
        }
        return output.addArguments("-hls_time", segment)
                .addArguments("-hls_playlist_type", "vod")
                .addArguments("-hls_flags", "independent_segments")
                .addArguments("-hls_segment_type", "fmp4")
                .addArguments("-hls_fmp4_init_filename", "init.mp4")
                .addArguments("-hls_segment_filename", folder + "/%v/seg_%03d.m4s")
                .addArguments("-master_pl_name", FFMPEG_MASTER)
                .addArguments("-var_stream_map", String.join(" ", variants));
    }
}
