package io.transcoder.api.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.transcoder.api.problems.ApiException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;
import org.springframework.util.unit.DataSize;

/** The catalogue the description is made from, against the problems the API makes. */
class OpenApiProblemCatalogueTests {

    private static final Map<URI, ProblemType> CATALOGUE = Arrays.stream(ProblemType.values())
            .collect(Collectors.toMap(type -> type.type, Function.identity()));

    @Test
    void catalogueHoldsEveryProblemApiExceptionMakesWithItsStatusAndTitle() throws Exception {
        List<Method> factories = Arrays.stream(ApiException.class.getDeclaredMethods())
                .filter(method -> Modifier.isStatic(method.getModifiers()) && Modifier.isPublic(method.getModifiers())
                        && method.getReturnType() == ApiException.class)
                .toList();
        assertThat(factories).hasSizeGreaterThan(20);

        for (Method factory : factories) {
            Object[] arguments = Arrays.stream(factory.getParameterTypes()).map(type -> sample(type, factory))
                    .toArray();
            ProblemDetail problem = ((ApiException) factory.invoke(null, arguments)).getBody();

            assertThat(CATALOGUE).as("ApiException.%s's %s in ProblemType", factory.getName(), problem.getType())
                    .containsKey(problem.getType());
            ProblemType listed = CATALOGUE.get(problem.getType());
            assertThat(listed.status.value()).as(factory.getName()).isEqualTo(problem.getStatus());
            assertThat(listed.title).as(factory.getName()).isEqualTo(problem.getTitle());
        }
    }

    @Test
    void everyTypeIsOneOfTheApisOwnAndListedOnce() {
        assertThat(ProblemType.values()).allSatisfy(
                type -> assertThat(type.type.toString()).matches("/problems/[a-z]+(-[a-z]+)*"));
        assertThat(CATALOGUE).hasSameSizeAs(ProblemType.values());
    }

    /** An argument that makes the factory's problem: only its type, status and title are looked at. */
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
