package io.transcoder.encoder.encoding;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What each file of a rendition must hold before it ships, and what is wrong with one that does not; the probe of
 * the file and the decode of its ends come from {@link Ffmpeg}. Each problem is a phrase the user reads.
 */
final class RenditionCheck {

    /**
     * A rendition's duration may differ from the source's by this, and one frame: audio encoders pad their last
     * packet and start with priming samples (AAC's 1024, some tens of milliseconds), a constant frame rate rounds the
     * last frame, and a container's duration is its longest stream's. A rendition cut short by a second is not within.
     */
    static final Duration TOLERANCE = Duration.ofMillis(500);

    // ffmpeg's encoders and the codecs ffprobe names for what they write
    private static final Map<String, String> CODECS = Map.ofEntries(Map.entry("libx264", "h264"),
            Map.entry("libx265", "hevc"), Map.entry("libvpx-vp9", "vp9"), Map.entry("libvpx", "vp8"),
            Map.entry("libsvtav1", "av1"), Map.entry("libaom-av1", "av1"), Map.entry("librav1e", "av1"),
            Map.entry("aac", "aac"), Map.entry("libfdk_aac", "aac"), Map.entry("libopus", "opus"),
            Map.entry("opus", "opus"), Map.entry("libvorbis", "vorbis"), Map.entry("libmp3lame", "mp3"),
            Map.entry("flac", "flac"), Map.entry("mjpeg", "mjpeg"));

    /**
     * One file of a rendition (an HLS rung's media playlist stands for its segments).
     *
     * @param path the file inside the rendition's folder
     * @param video its video, or null for a file that must have none
     * @param audio its sound's codec (ffprobe's name, empty for any), or null for a file that must have none
     * @param duration how long it plays (the source's duration), or null for a picture
     * @param played how much of the source ffmpeg read, where that is also right: a damaged source's that ended
     *     early, or one that played on past what its file said; null when only {@code duration} is
     * @param frameRate the video's frames a second, for the tolerance
     */
    record Expected(String path, @Nullable Video video, @Nullable String audio, @Nullable Duration duration,
            @Nullable Duration played, double frameRate) {

        Expected(String path, @Nullable Video video, @Nullable String audio, @Nullable Duration duration,
                double frameRate) {
            this(path, video, audio, duration, null, frameRate);
        }

        /** Whether a length is this file's, within the tolerance. */
        boolean lasts(Duration length) {
            Duration tolerance = tolerance(frameRate);
            return duration == null || within(length, duration, tolerance)
                    || (played != null && within(length, played, tolerance));
        }
    }

    /**
     * A file's video.
     *
     * @param codec ffprobe's name of its codec, null when any will do
     * @param pixelFormat {@code yuv420p} (a JPEG's {@code yuvj420p})
     * @param tagged whether it must be tagged BT.709 (pictures are JPEG's BT.601 by definition)
     * @param profile the profile ffprobe must name ({@code Main} for HEVC that Safari plays), null for any
     * @param codecTag the tag it must carry ({@code hvc1}), null for any
     */
    record Video(@Nullable String codec, int width, int height, String pixelFormat, boolean tagged,
            @Nullable String profile, @Nullable String codecTag) {}

    private RenditionCheck() {}

    /**
     * What a run's outcome says the source played for, where that differs from its file's duration: a run that
     * complained (a truncated or damaged source ends early) or reached past it (a file that understates itself).
     */
    static @Nullable Duration played(FfmpegRun.Outcome outcome, Duration duration) {
        boolean beyond = outcome.reached().compareTo(duration.plus(TOLERANCE)) > 0;
        return outcome.complained() || beyond ? outcome.reached() : null;
    }

    /** ffprobe's name of the codec an ffmpeg encoder writes, null for one we do not know. */
    static @Nullable String codecOf(@Nullable String encoder) {
        return encoder == null ? null : CODECS.get(encoder);
    }

    /** What is wrong with a file, by its probe; nothing when it is what was expected. */
    static List<String> problems(Expected expected, Probe probe) {
        List<String> problems = new ArrayList<>();
        List<Probe.MediaStream> videos = probe.streams().stream().filter(stream -> stream.type().equals("video"))
                .toList();
        List<Probe.MediaStream> audios = probe.streams().stream().filter(stream -> stream.type().equals("audio"))
                .toList();
        if (probe.streams().isEmpty()) {
            return List.of("it cannot be read");
        }
        if (expected.video() == null && !videos.isEmpty()) {
            problems.add("it has a picture it should not have");
        } else if (expected.video() != null && videos.size() != 1) {
            problems.add(videos.isEmpty() ? "it has no picture" : "it has " + videos.size() + " video tracks");
        } else if (expected.video() != null) {
            problems.addAll(videoProblems(expected.video(), videos.get(0)));
        }
        if (expected.audio() == null && !audios.isEmpty()) {
            problems.add("it has sound although your video has none");
        } else if (expected.audio() != null && audios.size() != 1) {
            problems.add(audios.isEmpty() ? "it has no sound although your video has" : "it has "
                    + audios.size() + " audio tracks");
        } else if (expected.audio() != null) {
            problems.addAll(audioProblems(expected.audio(), audios.get(0)));
        }
        if (expected.duration() != null) {
            if (!expected.lasts(probe.duration())) {
                problems.add("it lasts " + seconds(probe.duration()) + " instead of " + seconds(expected.duration()));
            }
            for (Probe.MediaStream stream : probe.streams()) {
                Duration own = stream.details().duration();
                if (own != null && !expected.lasts(own)) {
                    problems.add("its " + stream.type() + " lasts " + seconds(own) + " instead of "
                            + seconds(expected.duration()));
                }
            }
        }
        return problems;
    }

    static Duration tolerance(double frameRate) {
        return frameRate > 0 ? TOLERANCE.plusMillis((long) Math.ceil(1000 / frameRate)) : TOLERANCE;
    }

    private static List<String> videoProblems(Video expected, Probe.MediaStream video) {
        List<String> problems = new ArrayList<>();
        Probe.Details details = video.details();
        if (expected.codec() != null && !expected.codec().equals(video.codec())) {
            problems.add("its video is " + video.codec() + " instead of " + expected.codec());
        }
        if (video.width() != expected.width() || video.height() != expected.height()) {
            problems.add("its picture is " + video.width() + "x" + video.height() + " instead of "
                    + expected.width() + "x" + expected.height());
        }
        if (!expected.pixelFormat().equals(details.pixelFormat())) {
            problems.add("its pixels are " + details.pixelFormat() + " instead of " + expected.pixelFormat());
        }
        if (expected.tagged() && !("bt709".equals(details.colorPrimaries()) && "bt709".equals(details.colorTransfer())
                && "bt709".equals(details.colorSpace()) && "tv".equals(details.colorRange()))) {
            problems.add("its colours are tagged " + details.colorPrimaries() + "/" + details.colorTransfer() + "/"
                    + details.colorSpace() + "/" + details.colorRange() + " instead of BT.709");
        }
        if (SourceVideo.Scan.ofFieldOrder(details.fieldOrder()).interlaced()) {
            problems.add("it is interlaced");
        }
        if (expected.profile() != null && !expected.profile().equals(details.profile())) {
            problems.add("its video profile is " + details.profile() + " instead of " + expected.profile());
        }
        if (expected.codecTag() != null && !expected.codecTag().equals(details.codecTag())) {
            problems.add("its video is tagged " + details.codecTag() + " instead of " + expected.codecTag());
        }
        return problems;
    }

    private static List<String> audioProblems(String codec, Probe.MediaStream audio) {
        List<String> problems = new ArrayList<>();
        if (!codec.isEmpty() && !codec.equals(audio.codec())) {
            problems.add("its sound is " + audio.codec() + " instead of " + codec);
        }
        if (audio.details().channels() != 2 || audio.details().sampleRate() != 48_000) {
            problems.add("its sound has " + audio.details().channels() + " channels at "
                    + audio.details().sampleRate() + " Hz instead of stereo at 48000 Hz");
        }
        return problems;
    }

    private static boolean within(Duration actual, Duration expected, Duration tolerance) {
        return actual.minus(expected).abs().compareTo(tolerance) <= 0;
    }

    private static String seconds(Duration duration) {
        return Objects.toString(Ffmpeg.seconds(duration)) + " s";
    }
}
