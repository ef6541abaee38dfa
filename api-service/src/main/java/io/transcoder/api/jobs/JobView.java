package io.transcoder.api.jobs;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.transcoder.jobs.FailureCode;
import io.transcoder.jobs.JobPhase;
import io.transcoder.jobs.JobState;
import io.transcoder.messages.RenditionKind;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A job as the API shows it.
 *
 * @param progress overall progress, 0 to 100, never decreasing
 * @param formatProgress encoding progress per requested format, 0 to 100
 * @param outputs one per format made, once the job is COMPLETED
 * @param failures the formats the last attempt could not make, each with why, while others succeeded; empty when
 *     none did
 * @param attempt 1 for the submission, one more for each retry
 * @param error why the job failed, once it is FAILED
 * @param notification how emailing the result went ({@code SENT}, {@code FAILED}, {@code SUPPRESSED}), once the
 *     notifier tried
 * @param waiting why the job waits for its next stage, while it does
 * @param phase what the job is doing: its state, or within ENCODING the encoder's step ({@code PROBING},
 *     {@code ENCODING}, {@code CHECKING})
 * @param estimatedEnd when the encoder expects to be done, from ffmpeg's speed so far, while it encodes
 * @param callbackUrl where the job's webhook events go (its own, or its owner's default when it was submitted), or
 *     null for none
 */
public record JobView(
        String id,
        JobState state,
        JobPhase phase,
        int progress,
        Map<String, Integer> formatProgress,
        String sourceName,
        List<Output> outputs,
        List<Failure> failures,
        int attempt,
        @Nullable Error error,
        @Nullable String notification,
        @Nullable String waiting,
        @Nullable Instant estimatedEnd,
        Instant createdAt,
        Instant updatedAt,
        @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable URI callbackUrl) {

    /**
     * One rendition: its link (to its entry file) is signed, GET-only and expires at {@code expiresAt}; its size is
     * all its files together. The link of an HLS stream opens its master playlist at the API, which a player follows
     * without credentials; that of a storyboard opens its cues the same way.
     *
     * @param fileName the entry file's name
     * @param mediaType the entry file's media type
     * @param files every file of a rendition of pictures (a poster, a storyboard's sprite and cues), each with its own
     *     link; absent for videos and streams, whose files only their entry makes sense of
     */
    public record Output(String format, RenditionKind kind, String fileName, String mediaType, long size, URI url,
            Instant expiresAt, @Nullable List<File> files) {}

    /** One file of a rendition, by its path inside it, with a link that expires with its rendition's. */
    public record File(String path, long size, String mediaType, URI url) {}

    /** A format that was not made: a machine-readable code and a sentence for people. */
    public record Failure(String format, FailureCode code, String reason) {}

    /** A machine-readable code, a sentence for people, and the state the job failed in. */
    public record Error(String code, String message, @Nullable JobState stage) {}
}
