package io.transcoder.api.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.transcoder.test.TranscoderTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** With {@code api.auth=none} the description asks for no key anywhere, and still leaves out what is not served. */
@TranscoderTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "api.auth=none")
// closed after: NoAuthTests, with the same settings, must start its own application to see the warning logged at start
@DirtiesContext
class OpenApiWithoutKeysTests {

    @LocalServerPort
    int port;

    @Autowired
    JsonMapper json;

    @Test
    void describesEveryOperationAsNeedingNoKey() throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v3/api-docs")).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode docs = json.readTree(answer.body());

        List<String> operations = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : docs.get("paths").properties()) {
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                operations.add(operation.getKey() + " " + path.getKey());
                assertThat(operation.getValue().get("security")).as(path.getKey()).isEmpty();
                assertThat(operation.getValue().get("responses").has("401")).as(path.getKey()).isFalse();
            }
        }
        assertThat(operations).contains("post /api/jobs", "get /api/jobs/{id}", "get /actuator/health")
                .noneMatch(operation -> operation.contains("/actuator/metrics"));
        assertThat(docs.at("/components/securitySchemes").isMissingNode()).isTrue();
        assertThat(docs.at("/info/description").asString()).contains("Keys are off");
    }
}
