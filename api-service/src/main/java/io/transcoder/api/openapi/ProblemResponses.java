package io.transcoder.api.openapi;

import static io.transcoder.api.openapi.OpenApiConfiguration.typed;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.transcoder.api.problems.ProblemType;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Adds to each operation the problems it may answer, from the {@link ProblemType} catalogue: one response per status,
 * as {@code application/problem+json} with the {@code ProblemDetail} schema, listing its types in words and as named
 * examples. Runs after {@link KeyRequirements}, since a 401 belongs to the operations that need a key.
 */
final class ProblemResponses {

    static final String PROBLEM_JSON = org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;
    static final String SCHEMA = "ProblemDetail";
    private static final String SCHEMA_REF = "#/components/schemas/" + SCHEMA;
    private static final String RETRY_AFTER = "Retry-After";
    private static final String WWW_AUTHENTICATE = "WWW-Authenticate";

    void describe(OpenAPI openApi) {
        Components components = openApi.getComponents() == null ? new Components() : openApi.getComponents();
        openApi.components(components
                .addSchemas(SCHEMA, problemDetail())
                .addHeaders(RETRY_AFTER, new Header().schema(typed("integer").minimum(java.math.BigDecimal.ONE))
                        .description("Seconds to wait before repeating the request (also the problem's "
                                + "`retryAfterSeconds`)."))
                .addHeaders(WWW_AUTHENTICATE, new Header().schema(typed("string"))
                        .description("`Bearer realm=\"transcoder\"`, with `error=\"invalid_token\"` for a key that "
                                + "is not valid (RFC 6750).")));
        openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) ->
                describe(method, path, operation)));
    }

    private static void describe(PathItem.HttpMethod method, String path, Operation operation) {
        boolean keyed = operation.getSecurity() != null && !operation.getSecurity().isEmpty();
        Map<Integer, List<ProblemType>> byStatus = Arrays.stream(ProblemType.values())
                .filter(type -> type.where().applies(method.name(), path, keyed))
                .collect(Collectors.groupingBy(type -> type.status().value(), TreeMap::new, Collectors.toList()));
        if (byStatus.isEmpty()) {
            return;
        }
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        byStatus.forEach((status, types) -> {
            ApiResponse response = responses.computeIfAbsent(String.valueOf(status), code -> new ApiResponse()
                    .description(types.get(0).status().getReasonPhrase()));
            response.description(response.getDescription() + "\n\n" + list(types));
            Content content = response.getContent() == null ? new Content() : response.getContent();
            MediaType problems = content.computeIfAbsent(PROBLEM_JSON, json -> new MediaType()
                    .schema(new Schema<>().$ref(SCHEMA_REF)));
            types.forEach(type -> problems.addExamples(type.slug(), example(type)));
            response.content(content);
            if (types.stream().anyMatch(ProblemType::retryAfter)) {
                response.addHeaderObject(RETRY_AFTER, new Header().$ref("#/components/headers/" + RETRY_AFTER));
            }
            if (status == 401) {
                response.addHeaderObject(WWW_AUTHENTICATE,
                        new Header().$ref("#/components/headers/" + WWW_AUTHENTICATE));
            }
        });
        // in order of status, as a reader looks them up
        ApiResponses sorted = new ApiResponses();
        responses.entrySet().stream().sorted(Map.Entry.comparingByKey(Comparator.naturalOrder()))
                .forEach(entry -> sorted.addApiResponse(entry.getKey(), entry.getValue()));
        operation.responses(sorted);
    }

    private static String list(List<ProblemType> types) {
        return types.stream()
                .map(type -> "- `" + type.type() + "` (" + type.title() + "): " + type.when())
                .collect(Collectors.joining("\n"));
    }

    private static Example example(ProblemType type) {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("type", type.type().toString());
        value.put("title", type.title());
        value.put("status", type.status().value());
        value.put("detail", type.when().replace("`", "").replace("*", ""));
        return new Example().summary(type.title()).value(value);
    }

    private static Schema<Object> problemDetail() {
        return typed("object")
                .description("An RFC 9457 problem detail. `type` says which problem, for a program to act on; "
                        + "`title` names it and `detail` explains this occurrence, for a person. Some types add "
                        + "members that help fix the request (`validFormats`, `maxBytes`, `retryAfterSeconds`...). "
                        + "Spring MVC's own answers (405 for a method a path does not take, 406 for an `Accept` it "
                        + "cannot satisfy, 404 for a path it does not serve) have the type `about:blank`.")
                .addProperty("type", typed("string").format("uri-reference")
                        .description("`/problems/{slug}`, one of the types listed in the API's description, or "
                                + "`about:blank`."))
                .addProperty("title", typed("string"))
                .addProperty("status", typed("integer").format("int32"))
                .addProperty("detail", typed("string"))
                .addProperty("instance", typed("string").format("uri-reference")
                        .description("The path of the request refused."))
                .additionalProperties(Boolean.TRUE)
                .required(List.of("type", "title", "status"));
    }
}
