package io.transcoder.encoder.encoding;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

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
        return streams.stream().filter(MediaStream::isVideo).findFirst();
    }

    /** The audio track a player plays: the one marked default, else the first. */
    Optional<MediaStream> audio() {
        List<MediaStream> audio = audioStreams();
        return audio.stream().filter(MediaStream::isDefault).findFirst().or(() -> audio.stream().findFirst());
    }

    /** Which of the audio streams {@link #audio()} is, counted from 0 as ffmpeg's {@code 0:a:N} counts them. */
    int audioTrack() {
        return audio().map(audioStreams()::indexOf).orElse(0);
    }

    private List<MediaStream> audioStreams() {
        return streams.stream().filter(stream -> stream.type().equals("audio")).toList();
    }

    /**
     * One stream of the file.
     *
     * @param type {@code video}, {@code audio}, {@code subtitle}, {@code data} or {@code attachment}
     * @param codec the codec's short name ({@code h264}, {@code vp9}, {@code opus})
     * @param picture whether it is a still picture attached to the file (cover art) rather than a video
     * @param sampleAspect the shape of one stored pixel (width over height), 1 when square or unknown
     * @param frameRate frames a second (the average, else the guessed base rate), 0 when unknown
     * @param rotation degrees a player turns the picture by (its display matrix), 0 when upright
     * @param details what the rest of ffprobe's fields say, {@link Details#NONE} where it said nothing
     */
    record MediaStream(String type, String codec, int width, int height, boolean picture, double sampleAspect,
            double frameRate, int rotation, Details details) {

        MediaStream(String type, String codec, int width, int height, boolean picture, double sampleAspect,
                double frameRate, int rotation) {
            this(type, codec, width, height, picture, sampleAspect, frameRate, rotation, Details.NONE);
        }

        boolean isVideo() {
            return type.equals("video") && !picture;
        }

        boolean isDefault() {
            return details.defaultTrack();
        }
    }

    /**
     * The fields of a stream that normalising a source and checking a rendition read; ffprobe's own words, null where
     * it printed none.
     *
     * @param baseFrameRate ffprobe's r_frame_rate (the rate every timestamp fits), 0 when unknown
     * @param fieldOrder {@code progressive}, {@code tt}, {@code bb}, {@code tb}, {@code bt} or {@code unknown}
     * @param duration the stream's own duration, null when the container keeps none (Matroska, WebM)
     */
    record Details(double baseFrameRate, @Nullable String fieldOrder, @Nullable String pixelFormat,
            @Nullable String colorRange, @Nullable String colorSpace, @Nullable String colorTransfer,
            @Nullable String colorPrimaries, @Nullable String profile, @Nullable String codecTag, int channels,
            int sampleRate, @Nullable Duration duration, boolean defaultTrack) {

        static final Details NONE = new Details(0, null, null, null, null, null, null, null, null, 0, 0, null, false);
    }
}
