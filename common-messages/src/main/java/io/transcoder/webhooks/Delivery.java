package io.transcoder.webhooks;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.net.URI;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One attempt to deliver a webhook event, as the job's delivery log keeps it and {@code GET
 * /api/jobs/{id}/deliveries} shows it.
 *
 * @param event the event's type ({@code job.completed})
 * @param eventId the event's id, the same for each attempt ({@code Transcoder-Event-Id})
 * @param url where it was sent
 * @param attempt 1 for the first delivery of the event, one more for each further one
 * @param at when the attempt was made
 * @param statusCode what the receiver answered, if it answered
 * @param error why the attempt failed, if it did
 */
// statusCode and error are shown as null rather than left out
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Delivery(String event, String eventId, URI url, int attempt, Instant at, @Nullable Integer statusCode,
        @Nullable String error, Outcome outcome) {

    /** What came of an attempt, and so of the event if it was the last. */
    public enum Outcome {
        /** The receiver answered 2xx; the event is delivered. */
        DELIVERED,
        /** It failed; it is tried again later. */
        RETRYING,
        /** It failed, and no more attempts are made: the event went undelivered for too long. */
        GAVE_UP,
        /** It was not sent: the URL is (now) one a callback may not go to. No more attempts are made. */
        REFUSED;

        /** Whether no more attempts follow. */
        public boolean isFinal() {
            return this != RETRYING;
        }
    }
}
