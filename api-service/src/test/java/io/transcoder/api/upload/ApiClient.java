package io.transcoder.api.upload;

import io.transcoder.api.TestKeys;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Talks to the running api-service over real HTTP with one owner's API key, and keeps every answer, error or not. */
public class ApiClient {

    private final RestClient http;
    private final JsonMapper json;

    public ApiClient(int port, JsonMapper json) {
        this(port, json, TestKeys.ALICE);
    }

    public ApiClient(int port, JsonMapper json, String key) {
        this.http = RestClient.builder()
                // not Apache HttpClient, which the test classpath also has: it would wait out a Retry-After and retry
                .requestFactory(new JdkClientHttpRequestFactory())
                .baseUrl("http://127.0.0.1:" + port)
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + key)
                .build();
        this.json = json;
    }

    Answer submit(MultipartBodyBuilder form) {
        return exchange(http.post().uri("/api/jobs").contentType(MediaType.MULTIPART_FORM_DATA).body(form.build()));
    }

    /** A submission with an {@code Idempotency-Key}. */
    Answer submit(MultipartBodyBuilder form, String idempotencyKey) {
        return exchange(http.post().uri("/api/jobs").header("Idempotency-Key", idempotencyKey)
                .contentType(MediaType.MULTIPART_FORM_DATA).body(form.build()));
    }

    /** A POST without a body, as a retry is asked for. */
    public Answer post(String path) {
        return exchange(http.post().uri(path));
    }

    public Answer delete(String path) {
        return exchange(http.delete().uri(path));
    }

    Answer post(MediaType type, String body) {
        return exchange(http.post().uri("/api/jobs").contentType(type).body(body.getBytes(StandardCharsets.UTF_8)));
    }

    public Answer get(String path) {
        return exchange(http.get().uri(path));
    }

    private Answer exchange(RestClient.RequestHeadersSpec<?> request) {
        return request.exchange((req, response) -> {
            byte[] body = response.getBody().readAllBytes();
            MediaType type = response.getHeaders().getContentType();
            return new Answer(response.getStatusCode(),
                    type == null ? "" : type.getType() + "/" + type.getSubtype(),
                    response.getHeaders(),
                    body.length == 0 ? json.createObjectNode() : json.readTree(body));
        });
    }

    public record Answer(HttpStatusCode status, String contentType, HttpHeaders headers, JsonNode body) {

        public String location() {
            return headers.getFirst(HttpHeaders.LOCATION);
        }
    }
}
