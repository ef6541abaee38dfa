package io.transcoder.encoder.encoding;

import com.github.kokorin.jaffree.Rational;
import com.github.kokorin.jaffree.ffprobe.FFprobeResult;
import com.github.kokorin.jaffree.ffprobe.SideData;
import com.github.kokorin.jaffree.ffprobe.Stream;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/** What ffprobe printed, as a {@link Probe}: only the fields {@code Ffmpeg} asks for are set. */
final class ProbeResults {

    private ProbeResults() {}

    static Probe toProbe(FFprobeResult result) {
        Float seconds = result.getFormat().getDuration();
        Duration duration = seconds == null || seconds <= 0 ? Duration.ZERO : Duration.ofMillis((long) (seconds * 1000));
        return new Probe(
                Objects.requireNonNullElse(result.getFormat().getFormatName(), "unknown"),
                duration,
                result.getStreams().stream().map(ProbeResults::toMediaStream).toList());
    }

    private static Probe.MediaStream toMediaStream(Stream stream) {
        String type = stream.getCodecType() == null ? "unknown" : stream.getCodecType().name().toLowerCase(Locale.ROOT);
        boolean picture = stream.getDisposition() != null && Boolean.TRUE.equals(stream.getDisposition().getAttachedPic());
        return new Probe.MediaStream(
                type,
                Objects.requireNonNullElse(stream.getCodecName(), "unknown"),
                Objects.requireNonNullElse(stream.getWidth(), 0),
                Objects.requireNonNullElse(stream.getHeight(), 0),
                picture,
                positive(stream::getSampleAspectRatio, 1),
                positive(stream::getAvgFrameRate, positive(stream::getRFrameRate, 0)),
                rotation(stream),
                new Probe.Details(
                        positive(stream::getRFrameRate, 0),
                        known(stream.getFieldOrder()),
                        known(stream.getPixFmt()),
                        known(stream.getColorRange()),
                        known(stream.getColorSpace()),
                        known(stream.getColorTransfer()),
                        known(stream.getColorPrimaries()),
                        known(stream.getProfile()),
                        known(stream.getCodecTagString()),
                        Objects.requireNonNullElse(stream.getChannels(), 0),
                        Objects.requireNonNullElse(stream.getSampleRate(), 0),
                        stream.getDuration() == null || stream.getDuration() <= 0 ? null
                                : Duration.ofMillis((long) (stream.getDuration() * 1000)),
                        stream.getDisposition() != null && Boolean.TRUE.equals(stream.getDisposition().getDefault())));
    }

    // ffprobe prints unknown for a field the file leaves open
    private static @Nullable String known(@Nullable String value) {
        return value == null || value.isBlank() || value.equals("unknown") ? null : value;
    }

    // ffprobe says 0:1 or 0/0 for what it does not know
    private static double positive(Supplier<@Nullable Rational> value, double otherwise) {
        try {
            Rational rational = value.get();
            double number = rational == null || rational.getDenominator() == 0 ? 0 : rational.doubleValue();
            return Double.isFinite(number) && number > 0 ? number : otherwise;
        } catch (RuntimeException e) {
            return otherwise;
        }
    }

    private static int rotation(Stream stream) {
        return stream.getSideDataList() == null ? 0 : stream.getSideDataList().stream()
                .map(SideData::getRotation)
                .filter(Objects::nonNull)
                .findFirst()
                .orElse(0);
    }
}
