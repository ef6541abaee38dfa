package io.transcoder.encoder.encoding;

import io.transcoder.jobs.FailureCode;
import io.transcoder.jobs.JobFailureException;
import java.time.Duration;
import java.util.Locale;
import org.springframework.util.unit.DataSize;

/**
 * Encoding this job cannot succeed: the job fails with the code. Each reason is a sentence the user reads in the
 * failure email, so it never names a path or quotes ffmpeg; the log has those.
 */
class EncodingException extends JobFailureException {

    private EncodingException(FailureCode code, String reason) {
        super(code, reason);
    }

    private EncodingException(FailureCode code, String reason, Throwable cause) {
        super(code, reason, cause);
    }

    static EncodingException inputNotVideo() {
        return new EncodingException(FailureCode.INPUT_NOT_VIDEO,
                "Your file is not a video we can read. Please upload a common video file such as MP4, MOV, MKV or WebM.");
    }

    /** A source with sound but no picture, asked for a format with video. */
    static EncodingException inputNotVideo(String format) {
        return new EncodingException(FailureCode.INPUT_NOT_VIDEO, "Your file has sound but no picture, so we cannot "
                + "make a " + format.toUpperCase(Locale.ROOT) + " video of it. Ask for the audio format for its sound.");
    }

    static EncodingException inputWithoutAudio(String format) {
        return new EncodingException(FailureCode.INPUT_WITHOUT_AUDIO, "Your video has no sound, so we cannot make "
                + "its " + format.toUpperCase(Locale.ROOT) + " version, which is sound alone.");
    }

    /** A rendition that failed its check after encoding; {@code problem} says what, in the user's words. */
    static EncodingException outputInvalid(String format, String problem) {
        return new EncodingException(FailureCode.OUTPUT_INVALID, "The " + format.toUpperCase(Locale.ROOT)
                + " version of your video failed our check before delivery (" + problem + "), so we did not "
                + "deliver it.");
    }

    static EncodingException inputTooLong(Duration length, Duration limit) {
        return new EncodingException(FailureCode.INPUT_TOO_LONG,
                "Your video lasts " + describe(length) + "; we encode videos of up to " + describe(limit) + ".");
    }

    static EncodingException inputLongerThanItSays(Duration limit) {
        return new EncodingException(FailureCode.INPUT_TOO_LONG, "Your video plays for longer than the "
                + describe(limit) + " we encode, although its file says it is shorter.");
    }

    static EncodingException inputTooLarge(int width, int height, int maxWidth, int maxHeight) {
        return new EncodingException(FailureCode.INPUT_TOO_LARGE, "Your video is " + width + "x" + height
                + " pixels; we encode videos of up to " + maxWidth + "x" + maxHeight + " pixels.");
    }

    // ffprobe stops counting at one more than the limit, so the message cannot say how many there are
    static EncodingException tooManyStreams(int limit) {
        return new EncodingException(FailureCode.INPUT_TOO_LARGE, "Your video has more than " + limit
                + " tracks (video, audio, subtitles and others); we encode videos with up to " + limit + ".");
    }

    static EncodingException unknownFormat(String format) {
        return new EncodingException(FailureCode.ENCODER_ERROR,
                "The format '" + format + "' you asked for is not one this service can encode.");
    }

    static EncodingException sourceMissing() {
        return new EncodingException(FailureCode.SOURCE_MISSING,
                "Your upload could not be found for encoding. Please upload it again.");
    }

    static EncodingException encoderFailed(String format, Throwable cause) {
        return new EncodingException(FailureCode.ENCODER_ERROR, "We could not encode your video as "
                + format.toUpperCase(Locale.ROOT) + ". The file may be damaged or use an unusual codec.", cause);
    }

    static EncodingException timedOut(Duration limit) {
        return new EncodingException(FailureCode.ENCODER_TIMEOUT,
                "Encoding your video took longer than the " + describe(limit) + " we allow.");
    }

    static EncodingException stalled(Duration limit) {
        return new EncodingException(FailureCode.ENCODER_TIMEOUT, "Encoding your video stopped making progress for "
                + describe(limit) + ", so we gave up. The file may be damaged.");
    }

    static EncodingException outputTooLarge(String format, DataSize limit) {
        return new EncodingException(FailureCode.OUTPUT_TOO_LARGE, "The " + format.toUpperCase(Locale.ROOT)
                + " version of your video would be larger than " + describe(limit) + ", the most we store.");
    }

    static String describe(Duration duration) {
        if (duration.compareTo(Duration.ofSeconds(1)) < 0) {
            return plural(duration.toMillis(), "millisecond");
        }
        StringBuilder text = new StringBuilder();
        append(text, duration.toHours(), "hour");
        append(text, duration.toMinutesPart(), "minute");
        append(text, duration.toSecondsPart(), "second");
        return text.toString();
    }

    static String describe(DataSize size) {
        long bytes = size.toBytes();
        if (bytes >= DataSize.ofGigabytes(1).toBytes() && bytes % DataSize.ofGigabytes(1).toBytes() == 0) {
            return size.toGigabytes() + " GB";
        }
        if (bytes >= DataSize.ofMegabytes(1).toBytes() && bytes % DataSize.ofMegabytes(1).toBytes() == 0) {
            return size.toMegabytes() + " MB";
        }
        if (bytes >= DataSize.ofKilobytes(1).toBytes() && bytes % DataSize.ofKilobytes(1).toBytes() == 0) {
            return size.toKilobytes() + " KB";
        }
        return plural(bytes, "byte");
    }

    private static void append(StringBuilder text, long amount, String unit) {
        if (amount > 0) {
            text.append(text.length() == 0 ? "" : " ").append(plural(amount, unit));
        }
    }

    private static String plural(long amount, String unit) {
        return amount + " " + unit + (amount == 1 ? "" : "s");
    }
}
