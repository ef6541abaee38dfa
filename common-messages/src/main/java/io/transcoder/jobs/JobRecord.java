package io.transcoder.jobs;

import io.transcoder.messages.FormatFailure;
import io.transcoder.messages.JobTicket;
import io.transcoder.messages.StoredRendition;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A job as Redis holds it.
 *
 * @param owner who submitted the job
 * @param failedIn the state the job was in when it failed
 * @param progress overall progress, 0 to 100
 * @param formatProgress encoding progress per format, 0 to 100
 * @param outputs the renditions the job has, of every attempt
 * @param failures the formats the last attempt could not make, while the job completed with others
 * @param attempt 1, and one more for each retry
 * @param notification the notifier's outcome ({@code SENT}, {@code FAILED}, {@code SUPPRESSED}), once it tried
 * @param failureAnnounced false while a recorded failure waits to be announced as JobFailed
 * @param waiting why the job waits before its next stage can take it (a sentence for people), until it moves on
 * @param phase what the job is doing: its state, or the encoder's step within ENCODING
 * @param estimatedEnd when the encoder expects to be done, from ffmpeg's speed so far; while it encodes
 * @param callbackUrl where webhook events about the job go (the job's own or its owner's default), if anywhere
 */
public record JobRecord(
        String id,
        String owner,
        JobState state,
        @Nullable JobState failedIn,
        String email,
        List<String> formats,
        String sourceName,
        int progress,
        Map<String, Integer> formatProgress,
        List<StoredRendition> outputs,
        List<FormatFailure> failures,
        int attempt,
        @Nullable JobError error,
        Instant createdAt,
        Instant updatedAt,
        @Nullable String notification,
        boolean failureAnnounced,
        @Nullable String waiting,
        JobPhase phase,
        @Nullable Instant estimatedEnd,
        @Nullable URI callbackUrl) {

    /** The ticket this job's messages carry: its attempt makes the formats that have no rendition yet. */
    public JobTicket ticket() {
        List<String> missing = formats.stream()
                .filter(format -> outputs.stream().noneMatch(output -> output.format().equals(format)))
                .toList();
        return new JobTicket(id, owner, email, missing, sourceName, attempt);
    }

    public record JobError(String code, String message) {}
}
