package io.transcoder.notifier.webhooks;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.springframework.amqp.ImmediateRequeueAmqpException;

/**
 * POSTs a webhook with the JDK's HTTP client: never following a redirect, within a connect and a request timeout,
 * reading at most a few bytes of the answer. It answers what came of it, and throws only when interrupted.
 */
class WebhookSender {

    /** How much of a receiver's answer is read: enough to show the start of an error page. */
    static final int MAX_RESPONSE_BYTES = 1024;
    private static final int MAX_ERROR_TEXT = 200;

    private final HttpClient http;
    private final Duration connectTimeout;
    private final Duration requestTimeout;

    WebhookSender(HttpClient http, Duration connectTimeout, Duration requestTimeout) {
        this.http = http;
        this.connectTimeout = connectTimeout;
        this.requestTimeout = requestTimeout;
    }

    static HttpClient client(Duration connectTimeout) {
        return HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(connectTimeout)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /**
     * What came of one attempt: the receiver's status, if it answered, and otherwise (or for an answer other than
     * 2xx) why it failed.
     */
    record Answer(@Nullable Integer statusCode, @Nullable String error) {

        boolean delivered() {
            return statusCode != null && statusCode >= 200 && statusCode < 300;
        }
    }

    Answer post(URI url, Map<String, String> headers, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .timeout(requestTimeout)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        CompletableFuture<HttpResponse<byte[]>> sending =
                http.sendAsync(request.build(), LimitedBody.handler(MAX_RESPONSE_BYTES));
        try {
            // the request timeout ends the wait for the answer's headers; this one bounds reading its body as well
            HttpResponse<byte[]> response = sending.get(connectTimeout.plus(requestTimeout).toMillis(),
                    TimeUnit.MILLISECONDS);
            int status = response.statusCode();
            return new Answer(status, status >= 200 && status < 300 ? null : refusal(status, response.body()));
        } catch (TimeoutException e) {
            sending.cancel(true);
            return new Answer(null, "No answer within " + words(requestTimeout) + ".");
        } catch (ExecutionException e) {
            return new Answer(null, failure(e.getCause()));
        } catch (InterruptedException e) {
            sending.cancel(true);
            Thread.currentThread().interrupt();
            // the notifier is stopping: the message goes back, to be delivered after the restart or by another one
            throw new ImmediateRequeueAmqpException("Interrupted while delivering a webhook", e);
        }
    }

    private static String refusal(int status, byte[] body) {
        String answer = "The receiver answered " + status;
        if (status >= 300 && status < 400) {
            answer += " (redirects are not followed)";
        }
        String text = new String(body, StandardCharsets.UTF_8).replaceAll("[\\p{Cntrl}\\s]+", " ").strip();
        if (text.length() > MAX_ERROR_TEXT) {
            text = text.substring(0, MAX_ERROR_TEXT) + "…";
        }
        return text.isEmpty() ? answer + "." : answer + ": " + text;
    }

    private String failure(Throwable cause) {
        if (cause instanceof HttpConnectTimeoutException) {
            return "Could not connect within " + words(connectTimeout) + ".";
        }
        if (cause instanceof HttpTimeoutException) {
            return "No answer within " + words(requestTimeout) + ".";
        }
        if (cause instanceof ConnectException) {
            return "Could not connect: " + (cause.getMessage() == null ? "connection refused" : cause.getMessage()) + ".";
        }
        if (cause instanceof IOException) {
            return "The connection failed: " + (cause.getMessage() == null ? cause.getClass().getSimpleName()
                    : cause.getMessage()) + ".";
        }
        return "The request could not be sent: " + cause + ".";
    }

    private static String words(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }
}
