package io.transcoder.api.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.transcoder.api.problems.ApiException;
import io.transcoder.api.problems.ProblemType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.util.unit.DataSize;

/** The catalogue the description is made from, against the problems the API makes. */
class OpenApiProblemCatalogueTests {

    /** Answered by ProblemEntryPoint and ProblemHandler rather than by a factory (OpenApiTests asks for some). */
    private static final Set<ProblemType> NOT_FROM_FACTORIES = EnumSet.of(ProblemType.UNAUTHORIZED,
            ProblemType.FORBIDDEN, ProblemType.REJECTED_REQUEST, ProblemType.INTERNAL_ERROR);

    private static final Map<URI, ProblemType> CATALOGUE = Arrays.stream(ProblemType.values())
            .collect(Collectors.toMap(ProblemType::type, Function.identity()));

    @Test
    void everyFactoryAnswersATypeOfTheCatalogueWithItsStatusTitleAndRetryAfter() throws Exception {
        for (Method factory : factories()) {
            ApiException exception = make(factory);
            ProblemDetail problem = exception.getBody();

            assertThat(CATALOGUE).as("ApiException.%s's %s in ProblemType", factory.getName(), problem.getType())
                    .containsKey(problem.getType());
            ProblemType type = CATALOGUE.get(problem.getType());
            assertThat(exception.getStatusCode()).as(factory.getName()).isEqualTo(type.status());
            assertThat(problem.getStatus()).as(factory.getName()).isEqualTo(type.status().value());
            assertThat(problem.getTitle()).as(factory.getName()).isEqualTo(type.title());
            assertThat(exception.getHeaders().containsHeader(HttpHeaders.RETRY_AFTER))
                    .as("ApiException.%s answers Retry-After as %s says", factory.getName(), type)
                    .isEqualTo(type.retryAfter());
        }
    }

    @Test
    void everyTypeIsAnsweredBySomething() throws Exception {
        Set<ProblemType> answered = EnumSet.copyOf(NOT_FROM_FACTORIES);
        for (Method factory : factories()) {
            answered.add(CATALOGUE.get(make(factory).getBody().getType()));
        }
        assertThat(answered).as("types that nothing answers").containsExactlyInAnyOrder(ProblemType.values());
    }

    @Test
    void everyTypeIsOneOfTheApisOwnAndDocumented() {
        String keyed = Descriptions.api(true);
        String unkeyed = Descriptions.api(false);
        assertThat(ProblemType.values()).allSatisfy(type -> {
            assertThat(type.slug()).matches("[a-z]+(-[a-z]+)*");
            assertThat(type.type()).hasToString("/problems/" + type.slug());
            assertThat(type.title()).isNotBlank();
            assertThat(type.when()).as("when %s is answered", type).isNotBlank().endsWith(".");
            String row = "| " + type.status().value() + " | `" + type.type() + "` | " + type.title() + " | ";
            assertThat(keyed).as("the description with keys").contains(row);
            assertThat(unkeyed).as("the description without keys").contains(row);
        });
        assertThat(CATALOGUE).as("one type, one constant").hasSameSizeAs(ProblemType.values());
    }

    private static List<Method> factories() {
        List<Method> factories = Arrays.stream(ApiException.class.getDeclaredMethods())
                .filter(method -> Modifier.isStatic(method.getModifiers()) && Modifier.isPublic(method.getModifiers())
                        && method.getReturnType() == ApiException.class)
                .toList();
        assertThat(factories).hasSizeGreaterThan(20);
        return factories;
    }

    private static ApiException make(Method factory) throws Exception {
        Object[] arguments = Arrays.stream(factory.getParameterTypes()).map(type -> sample(type, factory)).toArray();
        return (ApiException) factory.invoke(null, arguments);
    }

    /** An argument that makes the factory's problem: only its type, status, title and headers are looked at. */
    private static Object sample(Class<?> type, Method factory) {
        if (type == String.class) {
            return "x";
        }
        if (type == List.class) {
            return List.of("x");
        }
        if (type == int.class || type == Integer.class) {
            return 1;
        }
        if (type == long.class || type == Long.class) {
            return 1L;
        }
        if (type == DataSize.class) {
            return DataSize.ofMegabytes(1);
        }
        if (type == Duration.class) {
            return Duration.ofSeconds(1);
        }
        if (type == Instant.class) {
            return Instant.EPOCH;
        }
        if (type == URI.class) {
            return URI.create("https://example.com/hook");
        }
        if (type.isEnum()) {
            return type.getEnumConstants()[0];
        }
        return fail("Teach this test to make a %s for ApiException.%s", type.getName(), factory.getName());
    }
}
