package io.transcoder.api.openapi;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.servers.Server;
import io.transcoder.api.ApiApplication;
import io.transcoder.api.ApiProperties;
import io.transcoder.storage.LinkProperties;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.web.access.AuthorizationManagerWebInvocationPrivilegeEvaluator.HttpServletRequestTransformer;
import org.springframework.security.web.access.PathPatternRequestTransformer;
import org.springframework.security.web.access.WebInvocationPrivilegeEvaluator;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The API's description: springdoc reads the operations from the controllers; this adds the title, the servers, the
 * key schemes and which operation needs a key ({@link KeyRequirements}), and the problems each operation may answer
 * ({@link ProblemResponses}).
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static {
        // the emitter is how the controller streams, not what the client reads
        SpringDocUtils.getConfig().replaceWithSchema(SseEmitter.class, typed("string").description(
                "Server-sent events named `job`, each one's data the job (a JobView) in JSON: the job at once, then "
                        + "each change of it, until it ends."));
    }

    @Bean
    OpenAPI transcoderOpenApi(ApiProperties api, ObjectProvider<LinkProperties> links) {
        List<Server> servers = new ArrayList<>();
        // relative: what the UI's "Try it out" calls, wherever the description was fetched from
        servers.add(new Server().url("/").description("This installation, as you reach it"));
        LinkProperties configured = links.getIfAvailable();
        if (configured != null) {
            servers.add(new Server().url(configured.publicUrl().toString().replaceAll("/+$", ""))
                    .description("This installation's public address (transcoder.links.public-url)"));
        }
        return new OpenAPI()
                .info(new Info()
                        .title("transcoder API")
                        .version(Objects.requireNonNullElse(ApiApplication.class.getPackage().getImplementationVersion(),
                                "development"))
                        .description(Descriptions.api(api.auth() == ApiProperties.Auth.KEYS)))
                .servers(servers)
                .components(new Components());
    }

    @Bean
    OpenApiCustomizer transcoderApiDescription(ApiProperties api, WebInvocationPrivilegeEvaluator privileges) {
        KeyRequirements keys = new KeyRequirements(privileges, api.auth() == ApiProperties.Auth.KEYS);
        ProblemResponses problems = new ProblemResponses();
        return openApi -> {
            keys.describe(openApi); // first: which problems an operation answers depends on whether it needs a key
            problems.describe(openApi);
        };
    }

    /**
     * Lets {@link KeyRequirements} ask the security rules about a path: the request the privilege evaluator makes up
     * knows no dispatcher type, which the rules look at first. Spring Security uses the one transformer it finds.
     */
    @Bean
    HttpServletRequestTransformer privilegeEvaluatorRequestTransformer() {
        PathPatternRequestTransformer paths = new PathPatternRequestTransformer();
        return request -> new HttpServletRequestWrapper(paths.transform(request)) {
            @Override
            public DispatcherType getDispatcherType() {
                return DispatcherType.REQUEST;
            }
        };
    }

    @Bean
    FilterRegistrationBean<SwaggerUiPolicy> swaggerUiPolicy() {
        FilterRegistrationBean<SwaggerUiPolicy> registration = new FilterRegistrationBean<>(new SwaggerUiPolicy());
        registration.addUrlPatterns(SwaggerUiPolicy.URL_PATTERN);
        return registration;
    }

    /** A schema of one JSON type, written as both OpenAPI 3.0 ({@code type}) and 3.1 ({@code types}) read it. */
    static Schema<Object> typed(String type) {
        return new Schema<>().type(type).types(Set.of(type));
    }
}
