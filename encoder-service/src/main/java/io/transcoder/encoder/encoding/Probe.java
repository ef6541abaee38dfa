package io.transcoder.encoder.encoding;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What ffprobe found in a file.
 *
 * @param container the demuxer's name ({@code mov,mp4,m4a,3gp,3g2,mj2}, {@code matroska,webm})
 * @param duration the container's duration, zero when unknown
 */
record Probe(String container, Duration duration, List<MediaStream> streams) {

    Probe {
        streams = List.copyOf(streams);
    }

    /** The first real video stream: a cover picture attached to an audio file does not count. */
    Optional<MediaStream> video() {
        return streams.stream().filter(stream -> stream.type().equals("video") && !stream.picture()).findFirst();
    }

    Optional<MediaStream> audio() {
        return streams.stream().filter(stream -> stream.type().equals("audio")).findFirst();
    }

    /**
     * One stream of the file.
     *
     * @param type {@code video}, {@code audio}, {@code subtitle}, {@code data} or {@code attachment}
     * @param codec the codec's short name ({@code h264}, {@code vp9}, {@code opus})
     * @param picture whether it is a still picture attached to the file (cover art) rather than a video
     * @param sampleAspect the shape of one stored pixel (width over height), 1 when square or unknown
     * @param frameRate frames a second, 0 when unknown
     * @param rotation degrees a player turns the picture by (its display matrix), 0 when upright
     */
    record MediaStream(String type, String codec, int width, int height, boolean picture, double sampleAspect,
            double frameRate, int rotation) {}
}
