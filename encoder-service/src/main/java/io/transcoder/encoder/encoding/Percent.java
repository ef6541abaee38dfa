package io.transcoder.encoder.encoding;

/** Whole percentages, 0 to 100. */
final class Percent {

    private Percent() {}

    /** How much of {@code whole} {@code part} is, rounded down and clamped: ffmpeg reports negative or overlong times. */
    static int of(long part, long whole) {
        if (whole <= 0) {
            return 0;
        }
        return (int) (Math.min(Math.max(part, 0), whole) * 100 / whole);
    }

    static int clamp(int percent) {
        return Math.max(0, Math.min(100, percent));
    }
}
