package io.transcoder.api.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import io.transcoder.api.TestKeys;
import io.transcoder.api.problems.ProblemType;
import io.transcoder.test.TranscoderTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The API's description over real HTTP against the whole api-service, checked against what the service does. */
@TranscoderTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class OpenApiTests {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options",
            "trace");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Autowired
    JsonMapper json;

    @Test
    void servesADescriptionThatValidatesWithoutAKey() throws Exception {
        HttpResponse<String> docs = send(get("/v3/api-docs"));

        assertThat(docs.statusCode()).isEqualTo(200);
        Files.writeString(Path.of("target", "openapi.json"), docs.body()); // as served, for a reader
        assertThat(docs.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(docs.body(), null, options);
        assertThat(parsed.getMessages()).isEmpty();
        assertThat(parsed.getOpenAPI().getPaths()).isNotEmpty();
        assertThat(send(get("/v3/api-docs.yaml")).body()).startsWith("openapi: ");
    }

    @Test
    void describesEveryEndpointTheApplicationsControllersMap() throws Exception {
        Set<String> mapped = new TreeSet<>();
        mappings.getHandlerMethods().forEach((info, handler) -> {
            if (ours(handler)) {
                mapped.addAll(operations(info));
            }
        });
        Set<String> described = operations(docs());

        assertThat(mapped).as("the controllers this test finds").contains("GET /api/formats", "POST /api/jobs",
                "GET /api/jobs/{id}", "GET /api/jobs/{jobId}/outputs/{format}/{path}");
        assertThat(described).containsAll(mapped);
    }

    @Test
    void requiresAKeyOfEveryOperationThatAnswersWithoutOne401AndOfNoOther() throws Exception {
        JsonNode docs = docs();
        JsonNode schemes = docs.at("/components/securitySchemes");
        assertThat(schemes.at("/bearer/type").asString()).isEqualTo("http");
        assertThat(schemes.at("/bearer/scheme").asString()).isEqualTo("bearer");
        assertThat(schemes.at("/apiKeyHeader/type").asString()).isEqualTo("apiKey");
        assertThat(schemes.at("/apiKeyHeader/in").asString()).isEqualTo("header");
        assertThat(schemes.at("/apiKeyHeader/name").asString()).isEqualTo("X-API-Key");

        List<String> keyed = new ArrayList<>();
        List<String> open = new ArrayList<>();
        for (String operation : operations(docs)) {
            String method = operation.substring(0, operation.indexOf(' '));
            String path = operation.substring(operation.indexOf(' ') + 1);
            JsonNode security = docs.get("paths").get(path).get(method.toLowerCase()).get("security");
            HttpRequest.Builder request = HttpRequest.newBuilder(uri(KeyRequirements.sample(path)))
                    .method(method, HttpRequest.BodyPublishers.noBody());
            int anonymous = send(request).statusCode();
            assertThat(security).as(operation + " says whether it needs a key").isNotNull();
            if (security.isEmpty()) {
                open.add(operation);
                assertThat(anonymous).as(operation + ", described as needing no key, without one").isNotEqualTo(401);
            } else {
                keyed.add(operation);
                assertThat(anonymous).as(operation + ", described as needing a key, without one").isEqualTo(401);
                assertThat(security.toString()).as(operation).isEqualTo("[{\"bearer\":[]},{\"apiKeyHeader\":[]}]");
                assertThat(send(request.header("X-API-Key", TestKeys.ALICE)).statusCode())
                        .as(operation + " with a key").isNotEqualTo(401);
            }
        }
        assertThat(open).contains("GET /api/formats", "GET /api/jobs/{jobId}/outputs/{format}/{path}",
                "GET /actuator/health");
        assertThat(keyed).contains("POST /api/jobs", "GET /api/jobs/{id}", "DELETE /api/jobs/{id}");
        assertThat(operations(docs)).as("actuator beyond health is not served on this port")
                .noneMatch(operation -> operation.contains("/actuator/metrics"));
    }

    @Test
    void listsEveryProblemTypeAndAttachesEachToTheOperationsThatAnswerIt() throws Exception {
        JsonNode docs = docs();
        String catalogue = docs.at("/info/description").asString();
        assertThat(docs.at("/components/schemas/ProblemDetail/properties/type")).isNotNull();

        for (ProblemType type : ProblemType.values()) {
            assertThat(catalogue).as("the catalogue").contains("`" + type.type() + "`");
        }
        for (String operation : operations(docs)) {
            String method = operation.substring(0, operation.indexOf(' '));
            String path = operation.substring(operation.indexOf(' ') + 1);
            JsonNode described = docs.get("paths").get(path).get(method.toLowerCase());
            boolean keyed = !described.get("security").isEmpty();
            for (ProblemType type : ProblemType.values()) {
                if (type.where().applies(method, path, keyed)) {
                    JsonNode problems = described.at("/responses/" + type.status().value() + "/content")
                            .get(ProblemResponses.PROBLEM_JSON);
                    assertThat(problems).as(operation + " answers " + type.type()).isNotNull();
                    assertThat(problems.at("/schema/$ref").asString()).isEqualTo("#/components/schemas/ProblemDetail");
                    assertThat(problems.at("/examples/" + type.slug() + "/value/type").asString())
                            .as(operation + " answers " + type.type()).isEqualTo(type.type().toString());
                }
            }
        }
        JsonNode submission = docs.at("/paths/~1api~1jobs/post/responses");
        assertThat(submission.at("/400/content/application~1problem+json/examples").propertyNames())
                .contains("missing-file", "unknown-format", "invalid-email", "invalid-idempotency-key");
        assertThat(submission.at("/429/headers/Retry-After")).isNotNull();
        assertThat(submission.at("/401/headers/WWW-Authenticate")).isNotNull();
        assertThat(submission.at("/202/headers/Location")).isNotNull();
        assertThat(docs.at("/paths/~1api~1formats/get/responses").propertyNames()).doesNotContain("401", "404");
    }

    @Test
    void describesTheProblemsTheSecurityRulesAnswerAsTheyAreAnswered() throws Exception {
        assertProblem(send(get("/api/jobs/x")), ProblemType.UNAUTHORIZED);
        assertProblem(send(get("/actuator/metrics").header("X-API-Key", TestKeys.ALICE)), ProblemType.FORBIDDEN);
        assertProblem(send(get("/api/jobs/x;y")), ProblemType.REJECTED_REQUEST);
        assertProblem(send(get("/api/jobs/" + java.util.UUID.randomUUID()).header("X-API-Key", TestKeys.ALICE)),
                ProblemType.JOB_NOT_FOUND);
    }

    @Test
    void servesSwaggerUiUnderAPolicyThatAllowsOnlyItsOwnInlineStyle() throws Exception {
        HttpResponse<String> entry = send(get("/swagger-ui.html"));
        assertThat(entry.statusCode()).isEqualTo(302);
        String location = entry.headers().firstValue("Location").orElseThrow();
        assertThat(location).endsWith("/swagger-ui/index.html");

        HttpResponse<String> index = send(get(URI.create("http://127.0.0.1:" + port).resolve(location).getPath()));
        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.body()).contains("swagger-ui-bundle.js", "swagger-initializer.js");
        assertThat(send(get("/swagger-ui/swagger-initializer.js")).body()).contains("/v3/api-docs/swagger-config");
        assertThat(json.readTree(send(get("/v3/api-docs/swagger-config")).body()).get("url").asString())
                .isEqualTo("/v3/api-docs");

        String policy = index.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(policy).isEqualTo(SwaggerUiPolicy.CONTENT_SECURITY_POLICY).doesNotContain("unsafe");
        List<String> styles = new ArrayList<>();
        for (String script : List.of("swagger-ui-bundle.js", "swagger-ui-standalone-preset.js")) {
            HttpResponse<String> served = send(get("/swagger-ui/" + script));
            assertThat(served.statusCode()).as(script).isEqualTo(200);
            styles.addAll(inlineStyles(served.body()));
        }
        assertThat(styles).as("the inline styles Swagger UI renders").isNotEmpty();
        for (String style : styles) {
            assertThat(policy).as("allows " + style).contains("'sha256-" + sha256(style) + "'");
        }
        assertThat(send(get("/api/formats")).headers().firstValue("Content-Security-Policy").orElseThrow())
                .as("the relaxed policy is Swagger UI's only").doesNotContain(SwaggerUiPolicy.LOGO_STYLE);
    }

    /** Handlers of this application's own, not springdoc's or Boot's, unless hidden from the description on purpose. */
    private static boolean ours(HandlerMethod handler) {
        return handler.getBeanType().getName().startsWith("io.transcoder.")
                && !AnnotatedElementUtils.hasAnnotation(handler.getBeanType(), Hidden.class)
                && !AnnotatedElementUtils.hasAnnotation(handler.getMethod(), Hidden.class);
    }

    /** "GET /api/jobs/{id}" for each method and pattern, in the description's spelling of a catch-all. */
    private static Set<String> operations(RequestMappingInfo info) {
        Set<String> methods = new TreeSet<>();
        info.getMethodsCondition().getMethods().forEach(method -> methods.add(method.name()));
        assertThat(methods).as(info + " names its methods").isNotEmpty();
        Set<String> operations = new TreeSet<>();
        for (String pattern : info.getPatternValues()) {
            for (String method : methods) {
                operations.add(method + " " + pattern.replace("{*", "{"));
            }
        }
        return operations;
    }

    private static Set<String> operations(JsonNode docs) {
        Set<String> operations = new TreeSet<>();
        for (Map.Entry<String, JsonNode> path : docs.get("paths").properties()) {
            for (String method : path.getValue().propertyNames()) {
                if (METHODS.contains(method)) {
                    operations.add(method.toUpperCase() + " " + path.getKey());
                }
            }
        }
        return operations;
    }

    /** The text of each {@code <style>} element the script renders with React. */
    private static List<String> inlineStyles(String script) {
        List<String> styles = new ArrayList<>();
        Matcher matcher = Pattern.compile("createElement\\(\"style\",null,\"((?:[^\"\\\\]|\\\\.)*)\"\\)").matcher(script);
        while (matcher.find()) {
            styles.add(matcher.group(1));
        }
        return styles;
    }

    private void assertProblem(HttpResponse<String> response, ProblemType type) {
        JsonNode problem = json.readTree(response.body());
        assertThat(response.statusCode()).isEqualTo(type.status().value());
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(problem.get("type").asString()).isEqualTo(type.type().toString());
        assertThat(problem.get("title").asString()).isEqualTo(type.title());
    }

    private static String sha256(String text) throws Exception {
        return Base64.getEncoder().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private JsonNode docs() throws Exception {
        HttpResponse<String> docs = send(get("/v3/api-docs"));
        assertThat(docs.statusCode()).isEqualTo(200);
        return json.readTree(docs.body());
    }

    private HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20));
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
