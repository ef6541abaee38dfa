package io.transcoder.encoder.encoding;

import java.nio.file.Path;
import java.time.Duration;

/**
 * A checked source as its renditions see it: the picture's size as a player shows it (stored pixels stretched by
 * their sample aspect and turned by the display matrix, which ffmpeg applies before any filter).
 *
 * @param width the displayed width
 * @param height the displayed height
 * @param frameRate frames a second, 0 when unknown
 */
record SourceVideo(Path file, Duration duration, int width, int height, double frameRate, boolean audio) {

    static SourceVideo of(Path file, Probe probe) {
        Probe.MediaStream video = probe.video().orElseThrow(EncodingException::inputNotVideo);
        double sampleAspect = video.sampleAspect() > 0 ? video.sampleAspect() : 1;
        int width = Math.max(1, (int) Math.round(video.width() * sampleAspect));
        int height = video.height();
        boolean turned = Math.abs(video.rotation()) % 180 == 90;
        return new SourceVideo(file, probe.duration(), turned ? height : width, turned ? width : height,
                video.frameRate(), probe.audio().isPresent());
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
