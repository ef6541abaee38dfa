package io.transcoder.encoder.encoding;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What every rendition of one source is made alike by, whatever its format: progressive pictures at a constant,
 * standard frame rate, SDR colours coded and tagged as BT.709 (limited range, 8-bit 4:2:0), square pixels at the
 * display aspect (ffmpeg has turned them by the display matrix before any filter), and stereo sound at 48 kHz.
 * The formats' options choose only codecs, quality and container.
 */
final class Normalisation {

    /** The output options that tag a video stream as what {@link #video()} makes. */
    static final List<String> VIDEO_TAGS = List.of("-color_primaries", "bt709", "-color_trc", "bt709",
            "-colorspace", "bt709", "-color_range", "tv");

    // 5.1 and 7.1 to stereo with ITU-R BS.775's coefficients: centre and surrounds at -3 dB, LFE left out; swresample
    // then scales the sum down so that it cannot clip
    private static final String AUDIO = "aresample=48000:ochl=stereo:clev=0.7071:slev=0.7071:lfe_mix_level=0";
    private static final String TAGS =
            "setparams=field_mode=prog:range=tv:color_primaries=bt709:color_trc=bt709:colorspace=bt709";
    private static final Set<String> HDR_TRANSFERS = Set.of("smpte2084", "arib-std-b67");
    // the transfers of SDR video: the same curve in practice, whatever the tag (BT.601's and BT.470's included)
    private static final Set<String> SDR_TRANSFERS = Set.of("bt709", "smpte170m", "bt470bg", "bt470m", "bt2020-10",
            "bt2020-12", "smpte240m");
    private static final Set<String> ZSCALE_PRIMARIES = Set.of("bt709", "bt470m", "bt470bg", "smpte170m",
            "smpte240m", "film", "bt2020", "smpte428", "smpte431", "smpte432", "jedec-p22");
    private static final Set<String> ZSCALE_MATRICES = Set.of("bt709", "fcc", "bt470bg", "smpte170m", "ycgco",
            "bt2020nc", "bt2020c");
    // BT.709 pictures are at least this tall; smaller untagged ones are SD, coded with BT.601's matrix (players agree)
    private static final int HD_HEIGHT = 720;

    private final SourceVideo source;
    private final FrameRate rate;

    private Normalisation(SourceVideo source, FrameRate rate) {
        this.source = source;
        this.rate = rate;
    }

    static Normalisation of(SourceVideo source, int maxFrameRate) {
        return new Normalisation(source, FrameRate.standard(source.frameRate(), maxFrameRate));
    }

    /** The frame rate of every video rendition. */
    FrameRate rate() {
        return rate;
    }

    /**
     * The filters that make a decoded video progressive, constant-rate, {@code width} by {@code height} square pixels
     * and SDR BT.709 8-bit 4:2:0, tagged so: what all video renditions share. Scaled before its colours are converted,
     * so that zscale sees even sizes, and no more pixels than the largest rendition has.
     */
    String video(int width, int height) {
        List<String> filters = new ArrayList<>(deinterlace());
        filters.add("fps=" + rate);
        filters.add(sized(width, height));
        filters.addAll(colour());
        filters.add(TAGS);
        return String.join(",", filters);
    }

    /** Scales a picture made by {@link #video} down to a smaller rendition's size. */
    static String picture(int width, int height) {
        return sized(width, height) + "," + TAGS;
    }

    /** Scales a picture to its size, square pixels. */
    static String sized(int width, int height) {
        return "scale=" + width + ":" + height + ",setsar=1";
    }

    /** For pictures taken from the video: progressive, but at whatever rate they are taken. */
    String still() {
        return String.join(",", deinterlace());
    }

    /** The colours of {@link #video()} for pictures taken after other filters (fewer frames, smaller ones). */
    String stillColour() {
        return String.join(",", colour());
    }

    /**
     * Recodes a BT.709 picture as a JPEG holds its colours: JFIF is BT.601's matrix at full range, which is what every
     * decoder assumes, so the matrix is converted rather than the picture merely relabelled.
     */
    static String jpeg() {
        return "zscale=min=bt709:rin=tv:m=bt470bg:r=full,format=yuvj420p";
    }

    /** Stereo at 48 kHz, the first or default track a player would play. */
    static String audio() {
        return AUDIO;
    }

    /** The label of the source's audio track in a filter graph. */
    String audioInput() {
        return "[0:a:" + source.audioTrack() + "]";
    }

    boolean deinterlaces() {
        return source.scan().interlaced();
    }

    boolean toneMaps() {
        return source.colour().transfer() != null && HDR_TRANSFERS.contains(source.colour().transfer());
    }

    private List<String> deinterlace() {
        if (!deinterlaces()) {
            return List.of();
        }
        // one frame a frame, so that the rate stays the source's; every frame, since the flags that would say which
        // are interlaced are what lied when idet found them out
        String parity = source.scan() == SourceVideo.Scan.TOP_FIRST ? "tff" : "bff";
        return List.of("bwdif=mode=send_frame:parity=" + parity + ":deint=all");
    }

    private List<String> colour() {
        SourceVideo.Colour colour = source.colour();
        String primaries = known(colour.primaries(), ZSCALE_PRIMARIES, sd() ? sdPrimaries() : "bt709");
        String matrix = known(colour.matrix(), ZSCALE_MATRICES, sd() ? "smpte170m" : "bt709");
        String range = fullRange() ? "pc" : "tv";
        if (toneMaps()) {
            // to linear light, to BT.709's primaries, Hable's curve, then coded as SDR BT.709: zscale and tonemap,
            // which need no GPU (libplacebo would)
            return List.of("zscale=tin=" + colour.transfer() + ":pin=" + primaries + ":min=" + matrix + ":rin=" + range
                            + ":t=linear:npl=100",
                    "format=gbrpf32le", "zscale=p=bt709", "tonemap=tonemap=hable:desat=0",
                    "zscale=t=bt709:m=bt709:r=tv", "format=yuv420p");
        }
        if (rgb()) {
            return List.of("format=gbrp", "zscale=tin=bt709:pin=" + primaries + ":t=bt709:p=bt709:m=bt709:r=tv",
                    "format=yuv420p");
        }
        boolean convert = !primaries.equals("bt709") || !matrix.equals("bt709") || range.equals("pc");
        if (!convert || gray()) {
            return List.of("format=yuv420p");
        }
        // through linear light only where the primaries differ; BT.601's transfer is BT.709's curve
        return List.of("zscale=tin=bt709:pin=" + primaries + ":min=" + matrix + ":rin=" + range
                + ":t=bt709:p=bt709:m=bt709:r=tv", "format=yuv420p");
    }

    private boolean sd() {
        return source.height() < HD_HEIGHT && source.width() < 1280;
    }

    // 576-line (PAL) video has EBU primaries, 480-line (NTSC) SMPTE C
    private String sdPrimaries() {
        return Math.min(source.width(), source.height()) > 480 ? "bt470bg" : "smpte170m";
    }

    private boolean fullRange() {
        String range = source.colour().range();
        String format = pixelFormat();
        return "pc".equals(range) || (range == null && format.startsWith("yuvj"));
    }

    private boolean rgb() {
        String format = pixelFormat();
        return format.startsWith("rgb") || format.startsWith("bgr") || format.startsWith("gbr")
                || format.startsWith("argb") || format.startsWith("abgr") || format.startsWith("0rgb")
                || format.startsWith("0bgr") || format.equals("pal8");
    }

    private boolean gray() {
        return pixelFormat().startsWith("gray") || pixelFormat().startsWith("ya");
    }

    private String pixelFormat() {
        return source.colour().pixelFormat() == null ? "" : source.colour().pixelFormat().toLowerCase(Locale.ROOT);
    }

    private static String known(@Nullable String value, Set<String> supported, String otherwise) {
        return value != null && supported.contains(value) ? value : otherwise;
    }

    /**
     * A frame rate as a fraction, as ffmpeg's options take it.
     */
    record FrameRate(long numerator, long denominator) {

        // the rates players and TVs know; a source this close to one is taken for it (29.97 for 30000/1001)
        private static final List<FrameRate> STANDARD = List.of(new FrameRate(24000, 1001), new FrameRate(24, 1),
                new FrameRate(25, 1), new FrameRate(30000, 1001), new FrameRate(30, 1), new FrameRate(48, 1),
                new FrameRate(50, 1), new FrameRate(60000, 1001), new FrameRate(60, 1), new FrameRate(100, 1),
                new FrameRate(120000, 1001), new FrameRate(120, 1));
        private static final double CLOSE = 0.005;
        private static final FrameRate UNKNOWN = new FrameRate(25, 1);

        /**
         * The rate of a source's renditions: the standard rate nearest the source's if it is that near, else the
         * source's own to the millisecond (a 10 fps screen recording stays 10); at most {@code max}.
         */
        static FrameRate standard(double rate, int max) {
            if (!(rate > 0) || !Double.isFinite(rate)) {
                return UNKNOWN.value() <= max ? UNKNOWN : new FrameRate(max, 1);
            }
            if (rate > max) {
                return new FrameRate(max, 1);
            }
            FrameRate nearest = STANDARD.stream()
                    .min(Comparator.comparingDouble(standard -> Math.abs(rate / standard.value() - 1)))
                    .orElseThrow();
            if (Math.abs(rate / nearest.value() - 1) < CLOSE && nearest.value() <= max) {
                return nearest;
            }
            // a slide show's picture a minute is shown as often as players need one
            return rate < 1 ? new FrameRate(1, 1) : reduced(Math.round(rate * 1000), 1000);
        }

        double value() {
            return (double) numerator / denominator;
        }

        private static FrameRate reduced(long numerator, long denominator) {
            long a = numerator;
            long b = denominator;
            while (b != 0) {
                long t = a % b;
                a = b;
                b = t;
            }
            return new FrameRate(numerator / a, denominator / a);
        }

        @Override
        public String toString() {
            return denominator == 1 ? String.valueOf(numerator) : numerator + "/" + denominator;
        }
    }
}
