package io.transcoder.api.security;

import io.transcoder.api.problems.ProblemType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers a request the security rules refuse, as a problem detail: without a valid API key 401 with
 * {@code WWW-Authenticate: Bearer} (RFC 6750), the same for a missing and an unknown key but for the sentence; with a
 * key, on a path no key opens (actuator beyond health), 403; a request the firewall rejects before anything reads it
 * (an encoded slash or a {@code ..} in the path, say), 400.
 */
final class ProblemEntryPoint implements AuthenticationEntryPoint, AccessDeniedHandler, RequestRejectedHandler {

    private final JsonMapper json;

    ProblemEntryPoint(JsonMapper json) {
        this.json = json;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException {
        boolean presented = failure instanceof BadCredentialsException;
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE,
                presented ? "Bearer realm=\"transcoder\", error=\"invalid_token\"" : "Bearer realm=\"transcoder\"");
        ProblemDetail problem = ProblemType.UNAUTHORIZED.problem(presented ? failure.getMessage()
                : "Send an API key as 'Authorization: Bearer <key>' or 'X-API-Key: <key>'.");
        if (presented) {
            // the same type, so a client acts on both alike; the catalogue names this title too
            problem.setTitle("Invalid API key");
        }
        write(response, problem);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException {
        write(response, ProblemType.FORBIDDEN.problem("This path is not served on the API's port."));
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException rejected)
            throws IOException {
        write(response, ProblemType.REJECTED_REQUEST.problem("The request's path or headers are not acceptable."));
    }

    private void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
