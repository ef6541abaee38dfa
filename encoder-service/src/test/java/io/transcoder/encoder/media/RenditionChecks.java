package io.transcoder.encoder.media;

import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import tools.jackson.databind.JsonNode;

/**
 * What every rendition must be for a browser to play it as its source looked: each check is soft, so that one case
 * lists every property it misses, each under its name in brackets ({@code [pixel format]}).
 */
final class RenditionChecks {

    private static final Pattern CUE = Pattern.compile("((?:\\d+:)?\\d{2}:\\d{2}\\.\\d{3}) --> ((?:\\d+:)?\\d{2}:\\d{2}"
            + "\\.\\d{3})[^\\n]*\\n([^#\\s]+)#xywh=(\\d+),(\\d+),(\\d+),(\\d+)");

    private RenditionChecks() {}

    /** A video codec as browsers decode it. */
    enum BrowserVideo {
        /** H.264 Constrained Baseline, Main or High at a level whose limits the picture keeps. */
        H264,
        /** HEVC Main, tagged {@code hvc1} (Safari plays no {@code hev1}). */
        HEVC,
        VP9,
        AV1
    }

    // level_idc: the most macroblocks a second and a frame (ITU-T H.264 table A-1), up to 5.2, which browsers decode
    private static final Map<Integer, long[]> H264_LEVELS = Map.ofEntries(
            Map.entry(9, new long[] {1485, 99}), Map.entry(10, new long[] {1485, 99}),
            Map.entry(11, new long[] {3000, 396}), Map.entry(12, new long[] {6000, 396}),
            Map.entry(13, new long[] {11880, 396}), Map.entry(20, new long[] {11880, 396}),
            Map.entry(21, new long[] {19800, 792}), Map.entry(22, new long[] {20250, 1620}),
            Map.entry(30, new long[] {40500, 1620}), Map.entry(31, new long[] {108000, 3600}),
            Map.entry(32, new long[] {216000, 5120}), Map.entry(40, new long[] {245760, 8192}),
            Map.entry(41, new long[] {245760, 8192}), Map.entry(42, new long[] {522240, 8704}),
            Map.entry(50, new long[] {589824, 22080}), Map.entry(51, new long[] {983040, 36864}),
            Map.entry(52, new long[] {2073600, 36864}));

    /**
     * A video file (or one HLS media playlist and its segments): decodes, plays in browsers, is normalised (design
     * §11), looks and lasts as its source, sounds stereo 48 kHz if its source sounds at all.
     */
    static void video(SoftAssertions soft, String what, Path file, MediaSource source, Path sourceFile,
            BrowserVideo codec, String audioCodec) {
        soft.assertThat(Player.decodeErrors(file)).as("[decodes] %s: what ffmpeg -v error -xerror said", what).isEmpty();
        MediaInfo info = MediaInfo.of(file);
        soft.assertThat(info.videos()).as("[streams] %s: video streams", what).hasSize(1);
        info.video().ifPresent(video -> {
            profile(soft, what, video, codec);
            soft.assertThat(MediaInfo.text(video, "pix_fmt")).as("[pixel format] %s", what).isEqualTo("yuv420p");
            soft.assertThat(MediaInfo.text(video, "color_primaries")).as("[colour] %s: primaries", what).isEqualTo("bt709");
            soft.assertThat(MediaInfo.text(video, "color_transfer")).as("[colour] %s: transfer", what).isEqualTo("bt709");
            soft.assertThat(MediaInfo.text(video, "color_space")).as("[colour] %s: matrix", what).isEqualTo("bt709");
            soft.assertThat(MediaInfo.text(video, "field_order")).as("[progressive] %s: field order", what)
                    .isIn("", "progressive", "unknown");
            if (source.has(MediaSource.Trait.INTERLACED)) {
                Player.Fields fields = Player.fields(file);
                soft.assertThat(fields.interlacedShare()).as("[progressive] %s: share of frames idet finds interlaced"
                        + " (%s)", what, fields).isLessThanOrEqualTo(Tolerances.INTERLACED_SHARE);
                // idet sees no combs once a picture is scaled down, so each rendition is also held against the source
                // as it would look deinterlaced (by yadif, not the encoder's own filter) and as it looks woven
                int width = video.path("width").asInt();
                int height = video.path("height").asInt();
                double deinterlaced = Player.similarity(file, sourceFile, "yadif=mode=send_frame:deint=all", width,
                        height);
                double woven = Player.similarity(file, sourceFile, "null", width, height);
                soft.assertThat(deinterlaced).as("[progressive] %s: SSIM to the source deinterlaced (%s) against"
                        + " woven (%s)", what, deinterlaced, woven).isGreaterThan(woven);
            }
            soft.assertThat(MediaInfo.sampleAspect(video)).as("[square pixels] %s: sample aspect ratio %s", what,
                    MediaInfo.text(video, "sample_aspect_ratio")).isEqualTo(1.0);
            soft.assertThat(MediaInfo.hasDisplayMatrix(video)).as("[rotation applied] %s: has a display matrix"
                    + " (rotation %s)", what, MediaInfo.rotation(video)).isFalse();
            soft.assertThat(List.of(video.path("width").asInt() % 2, video.path("height").asInt() % 2))
                    .as("[even size] %s: %sx%s, odd parts", what, video.path("width"), video.path("height"))
                    .containsOnly(0);
            picture(soft, what, file, video, source);
            soft.assertThat(MediaInfo.frameRate(video)).as("[frame rate] %s: avg_frame_rate %s", what,
                    MediaInfo.text(video, "avg_frame_rate")).isLessThanOrEqualTo(Tolerances.MAX_FRAME_RATE);
        });
        duration(soft, what, info.seconds(), source);
        sound(soft, what, info, source, audioCodec);
    }

    /** An audio file: decodes, holds the sound alone, AAC LC stereo 48 kHz, as long as its source. */
    static void audio(SoftAssertions soft, String what, Path file, MediaSource source) {
        soft.assertThat(Player.decodeErrors(file)).as("[decodes] %s: what ffmpeg -v error -xerror said", what).isEmpty();
        MediaInfo info = MediaInfo.of(file);
        soft.assertThat(info.streams()).extracting(stream -> MediaInfo.text(stream, "codec_type"))
                .as("[streams] %s: the sound alone", what).containsExactly("audio");
        soft.assertThat(info.audio()).map(stream -> MediaInfo.text(stream, "profile")).as("[profile] %s: AAC profile",
                what).contains("LC");
        duration(soft, what, info.seconds(), source);
        sound(soft, what, info, source, "aac");
    }

    /** A poster: decodes, a JPEG no wider than 1280, showing the source's picture the right way up and shape. */
    static void poster(SoftAssertions soft, String what, Path poster, MediaSource source) {
        soft.assertThat(Player.decodeErrors(poster)).as("[decodes] %s", what).isEmpty();
        MediaInfo info = MediaInfo.of(poster);
        soft.assertThat(info.videos()).as("[streams] %s: pictures", what).hasSize(1);
        info.video().ifPresent(picture -> {
            soft.assertThat(MediaInfo.text(picture, "codec_name")).as("[codec] %s", what).isEqualTo("mjpeg");
            soft.assertThat(picture.path("width").asInt()).as("[size] %s: width", what).isBetween(2, 1280);
            picture(soft, what, poster, picture, source);
        });
    }

    /**
     * Seek previews: the sprite sheet decodes, the cues run from 0 to the source's end, and the first tile shows the
     * source's picture the right way up and shape.
     */
    static void storyboard(SoftAssertions soft, String what, Path folder, MediaSource source) {
        Path sprite = folder.resolve("sprite.jpg");
        soft.assertThat(Player.decodeErrors(sprite)).as("[decodes] %s: sprite.jpg", what).isEmpty();
        List<double[]> cues = new ArrayList<>();
        Matcher cue = CUE.matcher(read(folder.resolve("storyboard.vtt")));
        while (cue.find()) {
            cues.add(new double[] {seconds(cue.group(1)), seconds(cue.group(2)), Integer.parseInt(cue.group(4)),
                    Integer.parseInt(cue.group(5)), Integer.parseInt(cue.group(6)), Integer.parseInt(cue.group(7))});
        }
        soft.assertThat(cues).as("[cues] %s: cues with a tile", what).isNotEmpty();
        if (cues.isEmpty()) {
            return;
        }
        double[] first = cues.get(0);
        soft.assertThat(first[0]).as("[duration] %s: first cue's start", what).isZero();
        duration(soft, what + ": last cue's end", cues.get(cues.size() - 1)[1], source);
        soft.assertThat(first[4]).as("[size] %s: tile width", what).isEqualTo(160);
        soft.assertThat(first[4] / first[5]).as("[aspect] %s: tile %sx%s against the source's %s", what,
                (int) first[4], (int) first[5], source.displayAspect())
                .isCloseTo(source.displayAspect(), withinPercentage(Tolerances.ASPECT * 100));
        if (source.has(MediaSource.Trait.MARKER)) {
            orientation(soft, what + ": first tile", Player.quadrants(sprite,
                    (int) first[4] + ":" + (int) first[5] + ":" + (int) first[2] + ":" + (int) first[3]));
        }
    }

    /** Shape (as shown) and, for a source with the marker, orientation of a picture. */
    private static void picture(SoftAssertions soft, String what, Path file, JsonNode video, MediaSource source) {
        soft.assertThat(MediaInfo.displayAspect(video)).as("[aspect] %s: %sx%s, SAR %s, rotation %s, shown against the"
                        + " source's %s", what, video.path("width"), video.path("height"),
                MediaInfo.text(video, "sample_aspect_ratio"), MediaInfo.rotation(video), source.displayAspect())
                .isCloseTo(source.displayAspect(), withinPercentage(Tolerances.ASPECT * 100));
        if (source.has(MediaSource.Trait.MARKER)) {
            orientation(soft, what, Player.quadrants(file, null));
        }
    }

    static void orientation(SoftAssertions soft, String what, int[] quadrants) {
        String shown = "mean luma of the quadrants shown (top left, top right, bottom left, bottom right) "
                + Arrays.toString(quadrants);
        soft.assertThat(quadrants[0]).as("[orientation] %s: %s, white top left", what, shown)
                .isGreaterThan(Tolerances.MARKER_WHITE);
        soft.assertThat(List.of(quadrants[1], quadrants[2], quadrants[3]))
                .as("[orientation] %s: %s, dark elsewhere", what, shown)
                .allMatch(luma -> luma < Tolerances.MARKER_GROUND, "below " + Tolerances.MARKER_GROUND);
    }

    private static void profile(SoftAssertions soft, String what, JsonNode video, BrowserVideo codec) {
        String name = MediaInfo.text(video, "codec_name");
        String profile = MediaInfo.text(video, "profile");
        switch (codec) {
            case H264 -> {
                soft.assertThat(name).as("[codec] %s", what).isEqualTo("h264");
                soft.assertThat(profile).as("[profile] %s", what)
                        .isIn("Constrained Baseline", "Baseline", "Main", "High");
                int level = video.path("level").asInt();
                long[] limits = H264_LEVELS.get(level);
                soft.assertThat(limits).as("[profile] %s: level %s is one of H.264's up to 5.2", what, level).isNotNull();
                if (limits != null) {
                    long macroblocks = (long) Math.ceil(video.path("width").asInt() / 16.0)
                            * (long) Math.ceil(video.path("height").asInt() / 16.0);
                    soft.assertThat(macroblocks).as("[profile] %s: macroblocks a frame within level %s", what, level)
                            .isLessThanOrEqualTo(limits[1]);
                    soft.assertThat(macroblocks * MediaInfo.frameRate(video))
                            .as("[profile] %s: macroblocks a second within level %s", what, level)
                            .isLessThanOrEqualTo((double) limits[0]);
                }
            }
            case HEVC -> {
                soft.assertThat(name).as("[codec] %s", what).isEqualTo("hevc");
                soft.assertThat(profile).as("[profile] %s", what).isEqualTo("Main");
                soft.assertThat(MediaInfo.text(video, "codec_tag_string")).as("[profile] %s: tag", what).isEqualTo("hvc1");
            }
            case VP9 -> {
                soft.assertThat(name).as("[codec] %s", what).isEqualTo("vp9");
                soft.assertThat(profile).as("[profile] %s", what).isEqualTo("Profile 0");
            }
            case AV1 -> {
                soft.assertThat(name).as("[codec] %s", what).isEqualTo("av1");
                soft.assertThat(profile).as("[profile] %s", what).isEqualTo("Main");
            }
        }
    }

    private static void duration(SoftAssertions soft, String what, double seconds, MediaSource source) {
        soft.assertThat(seconds).as("[duration] %s: seconds against the source's %s", what, source.seconds())
                .isCloseTo(source.seconds(), within(Tolerances.DURATION_SECONDS));
    }

    private static void sound(SoftAssertions soft, String what, MediaInfo info, MediaSource source, String codec) {
        if (!source.sound()) {
            soft.assertThat(info.audios()).as("[sound] %s: audio streams of a silent source", what).isEmpty();
            return;
        }
        soft.assertThat(info.audios()).as("[sound] %s: audio streams", what).hasSize(1);
        info.audio().ifPresent(audio -> {
            soft.assertThat(MediaInfo.text(audio, "codec_name")).as("[sound] %s: codec", what).isEqualTo(codec);
            soft.assertThat(MediaInfo.text(audio, "sample_rate")).as("[sound] %s: sample rate", what).isEqualTo("48000");
            soft.assertThat(audio.path("channels").asInt()).as("[sound] %s: channels (%s)", what,
                    MediaInfo.text(audio, "channel_layout")).isEqualTo(2);
        });
    }

    private static double seconds(String timestamp) {
        String[] parts = timestamp.split(":");
        double seconds = 0;
        for (String part : parts) {
            seconds = seconds * 60 + Double.parseDouble(part);
        }
        return seconds;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
