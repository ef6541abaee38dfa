package io.transcoder.encoder.media;

/** How far a rendition may be from its source before a viewer would notice, and why that far. */
final class Tolerances {

    /**
     * Seconds a rendition's length may differ from its source's: one frame of the source (40 ms at 25 fps), one audio
     * frame of the encoder (AAC's 1024 samples are 21 ms at 48 kHz, Opus's 20 ms) and the containers' rounding
     * (about 10 ms, MPEG-TS's start offset) make up to some 80 ms; more is frames or sound lost or added.
     */
    static final double DURATION_SECONDS = 0.1;

    /**
     * The relative difference allowed between the width over height of a rendition's picture and its source's, both
     * as shown: rounding a side to an even number of pixels, after stretching non-square pixels, costs at most twice
     * 1 / 160 (the narrowest picture here, a storyboard tile, is 160 wide); a lost pixel shape (16:9 shown as 4:3
     * is 25 %) or rotation (33 % or more) is far beyond it.
     */
    static final double ASPECT = 0.015;

    /**
     * The share of frames ffmpeg's {@code idet} may still call interlaced in a rendition of an interlaced source. On
     * the sources here a woven picture is called interlaced in every frame; a deinterlaced one (bwdif or yadif) in
     * none at full size, and in up to 8 % once scaled to 240 lines, where scaling has made some of the deinterlacer's
     * edges look like combs.
     */
    static final double INTERLACED_SHARE = 0.1;

    /** The share a source must have for the suite to call it interlaced at all. */
    static final double INTERLACED_SOURCE_SHARE = 0.9;

    /**
     * The mean luma (0 to 255) a quadrant of a picture must exceed to be the orientation marker's white, and the
     * others stay below: the marker is near 235 and its ground near 32, each with some noise and codec loss.
     */
    static final int MARKER_WHITE = 160;
    static final int MARKER_GROUND = 90;

    /** The highest frame rate of a rendition (the encoder's {@code max-frame-rate} default). */
    static final double MAX_FRAME_RATE = 60.0;

    private Tolerances() {}
}
