package io.transcoder.api.openapi;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.List;
import java.util.Map;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.web.access.WebInvocationPrivilegeEvaluator;

/**
 * Which operations need an API key, as the application's own security rules answer it: each operation is asked of
 * the filter chain for a caller without a key and for a key holder. Public ones say so ({@code security: []}), the
 * others take either key scheme, and those that nobody may call on this port (actuator beyond health) are left out.
 */
final class KeyRequirements {

    static final String BEARER = "bearer";
    static final String API_KEY_HEADER = "apiKeyHeader";

    private static final Authentication ANONYMOUS = new AnonymousAuthenticationToken("openapi", "anonymousUser",
            AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS"));
    /** A key holder, with the role SecurityConfiguration grants an owner's key. */
    private static final Authentication KEY_HOLDER = UsernamePasswordAuthenticationToken.authenticated("openapi", null,
            AuthorityUtils.createAuthorityList("ROLE_OWNER"));

    private static final List<SecurityRequirement> EITHER_KEY = List.of(
            new SecurityRequirement().addList(BEARER), new SecurityRequirement().addList(API_KEY_HEADER));

    private final WebInvocationPrivilegeEvaluator privileges;
    private final boolean keys;

    /** @param keys whether the API asks for keys at all ({@code api.auth=keys}) */
    KeyRequirements(WebInvocationPrivilegeEvaluator privileges, boolean keys) {
        this.privileges = privileges;
        this.keys = keys;
    }

    void describe(OpenAPI openApi) {
        if (keys) {
            Components components = openApi.getComponents() == null ? new Components() : openApi.getComponents();
            openApi.components(components
                    .addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                            .description("The API key as a bearer token: `Authorization: Bearer <key>`."))
                    .addSecuritySchemes(API_KEY_HEADER, new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                            .in(SecurityScheme.In.HEADER).name("X-API-Key")
                            .description("The API key in a header of its own: `X-API-Key: <key>`.")));
        }
        openApi.getPaths().entrySet().removeIf(path -> {
            String uri = sample(path.getKey());
            for (Map.Entry<PathItem.HttpMethod, Operation> entry : path.getValue().readOperationsMap().entrySet()) {
                String method = entry.getKey().name();
                boolean served = privileges.isAllowed("", uri, method, KEY_HOLDER);
                // without keys, every caller is the local owner
                if (keys ? privileges.isAllowed("", uri, method, ANONYMOUS) : served) {
                    entry.getValue().setSecurity(List.of());
                } else if (keys && served) {
                    entry.getValue().setSecurity(EITHER_KEY);
                } else {
                    path.getValue().operation(entry.getKey(), null);
                }
            }
            return path.getValue().readOperations().isEmpty();
        });
    }

    /** A path the template matches: {@code /api/jobs/{id}} is asked as {@code /api/jobs/x}. */
    static String sample(String template) {
        return template.replaceAll("\\{[^}]+}", "x");
    }
}
