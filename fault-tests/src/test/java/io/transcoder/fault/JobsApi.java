package io.transcoder.fault;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import org.springframework.core.io.FileSystemResource;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/** The api-service as a client sees it: submit, look at, cancel and retry jobs. Never throws on a status. */
final class JobsApi {

    private final RestClient http;

    JobsApi(URI api, String key) {
        http = RestClient.builder()
                .requestFactory(new JdkClientHttpRequestFactory())
                .baseUrl(api.toString())
                .defaultHeader("Authorization", "Bearer " + key)
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> { })
                .build();
    }

    /** The job's id if the API accepted it (202). */
    Optional<String> submit(Path video, String formats, String email) {
        MultipartBodyBuilder form = new MultipartBodyBuilder();
        form.part("formats", formats);
        form.part("email", email);
        form.part("file", new FileSystemResource(video));
        ResponseEntity<JsonNode> answer = http.post().uri("/api/jobs").contentType(MediaType.MULTIPART_FORM_DATA)
                .body(form.build()).retrieve().toEntity(JsonNode.class);
        if (answer.getStatusCode().value() != 202 || answer.getBody() == null) {
            return Optional.empty();
        }
        return Optional.of(answer.getBody().get("id").asString());
    }

    /** The job view, or empty for a 404. */
    Optional<JsonNode> job(String id) {
        ResponseEntity<JsonNode> answer = http.get().uri("/api/jobs/{id}", id).retrieve().toEntity(JsonNode.class);
        if (answer.getStatusCode().value() == 404) {
            return Optional.empty();
        }
        if (answer.getStatusCode().isError() || answer.getBody() == null) {
            throw new IllegalStateException("GET /api/jobs/" + id + " answered " + answer.getStatusCode());
        }
        return Optional.of(answer.getBody());
    }

    ResponseEntity<JsonNode> cancel(String id) {
        return http.delete().uri("/api/jobs/{id}", id).retrieve().toEntity(JsonNode.class);
    }

    ResponseEntity<JsonNode> retry(String id) {
        return http.post().uri("/api/jobs/{id}/retry", id).retrieve().toEntity(JsonNode.class);
    }
}
