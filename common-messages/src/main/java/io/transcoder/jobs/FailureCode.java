package io.transcoder.jobs;

/** Why a job failed, in words a program can act on. */
public enum FailureCode {
    /** The source vanished: from storage before the downloader fetched it, or from the work volume before encoding. */
    SOURCE_MISSING,
    /** The source is not a video ffprobe can decode (or has no video stream, and a video format was asked for). */
    INPUT_NOT_VIDEO,
    /** An audio format was asked for, and the source has no sound. */
    INPUT_WITHOUT_AUDIO,
    /** The source is longer than the encoder accepts. */
    INPUT_TOO_LONG,
    /** The source's resolution or stream count is beyond the encoder's limits. */
    INPUT_TOO_LARGE,
    /** ffmpeg failed while encoding. */
    ENCODER_ERROR,
    /** ffmpeg ran out of its time or stalled. */
    ENCODER_TIMEOUT,
    /** A rendition grew beyond the configured size limit. */
    OUTPUT_TOO_LARGE,
    /**
     * A rendition failed its check after encoding (streams, codecs, pixel format, colour tags, duration, or a decode of
     * its first and last second): it is never shipped.
     */
    OUTPUT_INVALID,
    /** A stage kept failing on an unexpected error until its retries ran out, or found its own input gone. */
    STAGE_ERROR,
    /** Something a stage needs (storage, the mail server) stayed unreachable for longer than the stage waits. */
    UNAVAILABLE;

    /** Whether trying the job again could succeed: not when its input is at fault. */
    public boolean retryable() {
        return switch (this) {
            case SOURCE_MISSING, INPUT_NOT_VIDEO, INPUT_WITHOUT_AUDIO, INPUT_TOO_LONG, INPUT_TOO_LARGE -> false;
            default -> true;
        };
    }
}
