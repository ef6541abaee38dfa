package io.transcoder.encoder.encoding;

import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * A checked source as its renditions see it: the picture's size as a player shows it (stored pixels stretched by
 * their sample aspect and turned by the display matrix, which ffmpeg applies before any filter), and what
 * {@link Normalisation} needs to make every rendition alike.
 *
 * @param width the displayed width, 0 for a source without video
 * @param height the displayed height, 0 for a source without video
 * @param frameRate frames a second, 0 when unknown
 * @param audio whether it has sound
 * @param video whether it has a video (a sound file has none)
 * @param scan how its pictures are scanned, {@link Scan#UNKNOWN} until {@code Ffmpeg#detectScan} looked
 * @param colour how its pictures' colours are coded
 * @param audioTrack the audio stream a player plays (the default one, else the first), counted among audio streams
 */
record SourceVideo(Path file, Duration duration, int width, int height, double frameRate, boolean audio,
        boolean video, Scan scan, Colour colour, int audioTrack) {

    /** How a video's pictures are scanned. */
    enum Scan {
        PROGRESSIVE,
        /** interlaced, the top field first */
        TOP_FIRST,
        /** interlaced, the bottom field first */
        BOTTOM_FIRST,
        /** said progressive or nothing, which interlaced files often do: {@code idet} has to look */
        UNKNOWN;

        boolean interlaced() {
            return this == TOP_FIRST || this == BOTTOM_FIRST;
        }

        /** The scan ffprobe's field order says, if it says one (a file that says progressive may lie). */
        static Scan ofFieldOrder(@Nullable String fieldOrder) {
            if (fieldOrder == null) {
                return UNKNOWN;
            }
            // tb and bt: coded in one field order, displayed top (or bottom) first
            return switch (fieldOrder) {
                case "tt", "tb" -> TOP_FIRST;
                case "bb", "bt" -> BOTTOM_FIRST;
                default -> UNKNOWN;
            };
        }
    }

    /**
     * How a picture's colours are coded, in ffprobe's words (null where the file says nothing).
     *
     * @param pixelFormat {@code yuv420p}, {@code yuv420p10le}, {@code yuvj420p}, {@code rgb24}, ...
     */
    record Colour(@Nullable String primaries, @Nullable String transfer, @Nullable String matrix,
            @Nullable String range, @Nullable String pixelFormat) {

        static final Colour UNTAGGED = new Colour(null, null, null, null, null);

        static Colour of(Probe.Details details) {
            return new Colour(details.colorPrimaries(), details.colorTransfer(), details.colorSpace(),
                    details.colorRange(), details.pixelFormat());
        }
    }

    /** A source known only by its size, progressive and untagged: for tests and what makes no use of the rest. */
    SourceVideo(Path file, Duration duration, int width, int height, double frameRate, boolean audio) {
        this(file, duration, width, height, frameRate, audio, true, Scan.PROGRESSIVE, Colour.UNTAGGED, 0);
    }

    static SourceVideo of(Path file, Probe probe) {
        Probe.MediaStream video = probe.video().orElse(null);
        if (video == null) {
            return new SourceVideo(file, probe.duration(), 0, 0, 0, probe.audio().isPresent(), false,
                    Scan.PROGRESSIVE, Colour.UNTAGGED, probe.audioTrack());
        }
        double sampleAspect = video.sampleAspect() > 0 ? video.sampleAspect() : 1;
        int width = Math.max(1, (int) Math.round(video.width() * sampleAspect));
        int height = video.height();
        boolean turned = Math.abs(video.rotation()) % 180 == 90;
        double frameRate = frameRate(video.frameRate(), video.details().baseFrameRate());
        return new SourceVideo(file, probe.duration(), turned ? height : width, turned ? width : height,
                frameRate, probe.audio().isPresent(), true, Scan.ofFieldOrder(video.details().fieldOrder()),
                Colour.of(video.details()), probe.audioTrack());
    }

    /**
     * The rate a source plays at: the base rate where it is the higher, as a variable-rate MP4 averages below the rate
     * its fast parts play at; but not an interlaced stream's field rate (twice its frames) nor a time base (WebM's 1000).
     */
    static double frameRate(double average, double base) {
        if (average <= 0) {
            return base;
        }
        double ratio = base / average;
        return ratio > 1.01 && ratio <= 4 && Math.abs(ratio - 2) > 0.02 ? base : average;
    }

    /** The same source, its scan found out. */
    SourceVideo withScan(Scan scan) {
        return new SourceVideo(file, duration, width, height, frameRate, audio, video, scan, colour, audioTrack);
    }

    /** The width of a picture {@code height} tall at the source's display aspect, even as H.264 in 4:2:0 needs. */
    int widthAt(int height) {
        return even((double) height * width / this.height);
    }

    /** The height of a picture {@code width} wide at the source's display aspect, even. */
    int heightAt(int width) {
        return even((double) width * height / this.width);
    }

    /** Pixels times seconds of a rendition of this size lasting as long as the source: what encoding it costs. */
    double work(int width, int height) {
        return (double) width * height * Math.max(duration.toMillis(), 1) / 1000;
    }

    static int even(double size) {
        return Math.max(2, 2 * (int) Math.round(size / 2));
    }
}
