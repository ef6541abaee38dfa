package io.transcoder.api.openapi;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The Content-Security-Policy of Swagger UI's pages: the page's own strict policy, but for the one inline style
 * Swagger UI renders (its logo's colours, in the standalone preset), allowed by its hash rather than by
 * {@code 'unsafe-inline'}. Set before the security filter chain writes its headers, which keeps a policy already
 * present; {@code OpenApiTests} checks the hash against the script the UI is served.
 */
final class SwaggerUiPolicy extends OncePerRequestFilter {

    static final String URL_PATTERN = "/swagger-ui/*";

    /** SHA-256 of {@code .logo_small_svg__cls-2{fill:#fff}.logo_small_svg__cls-3{fill:#85ea2d}}. */
    static final String LOGO_STYLE = "'sha256-RL3ie0nH+Lzz2YNqQN83mnU0J1ot4QL7b99vMdIX99w='";

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self' "
            + LOGO_STYLE + "; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
            + "form-action 'self'; frame-ancestors 'none'";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        chain.doFilter(request, response);
    }
}
