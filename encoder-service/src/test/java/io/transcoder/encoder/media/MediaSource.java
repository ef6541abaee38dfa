package io.transcoder.encoder.media;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One source the suite makes with ffmpeg at test time, and what a player shows of it.
 *
 * @param name its file name, whose extension says its container
 * @param made how it is made, in words
 * @param make ffmpeg's arguments (inputs, filters, codecs, muxer) before the output file
 * @param remux ffmpeg's arguments for a second run copying the first one's streams, for what ffmpeg 5.1 only writes
 *     when it does not encode (a rotation tag); empty when one run makes it
 * @param seconds how long it plays, as it was made
 * @param displayAspect width over height of its picture as a player shows it (pixel shape and rotation applied); 0
 *     when it has no video
 * @param claims what ffprobe must say of it, so that the suite is sure to test what it names: {@code f.} keys are
 *     the container's, {@code v.} the first video stream's, {@code a.} the first audio stream's; {@code v.rotation}
 *     is the display matrix's turn
 */
record MediaSource(String name, String made, List<String> make, List<String> remux, double seconds,
        double displayAspect, Set<Trait> traits, Map<String, String> claims) {

    enum Trait {
        /** It has an audio stream. */
        SOUND,
        /** Its frames are interlaced, top field first. */
        INTERLACED,
        /**
         * Its picture, as a player shows it, is dark but for a white top-left quadrant: what tells upright from
         * turned or mirrored.
         */
        MARKER,
        /** The time between its frames changes. */
        VARIABLE_FRAME_RATE
    }

    boolean video() {
        return displayAspect > 0;
    }

    boolean has(Trait trait) {
        return traits.contains(trait);
    }

    boolean sound() {
        return has(Trait.SOUND);
    }

    @Override
    public String toString() {
        return name;
    }
}
