package io.transcoder.api.security;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.AuthenticationConverter;

/** Reads the API key of a request: {@code Authorization: Bearer <key>} or {@code X-API-Key: <key>}. */
final class ApiKeyConverter implements AuthenticationConverter {

    static final String API_KEY_HEADER = "X-API-Key";
    private static final String BEARER = "bearer ";
    private static final int MAX_KEY_LENGTH = 256;

    @Override
    public @Nullable Authentication convert(HttpServletRequest request) {
        String key = request.getHeader(API_KEY_HEADER);
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (key == null && authorization != null) {
            if (!authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
                throw new BadCredentialsException("Send the API key as 'Authorization: Bearer <key>'.");
            }
            key = authorization.substring(BEARER.length());
        }
        if (key == null) {
            return null; // no key: anonymous, which only public paths allow
        }
        key = key.strip();
        if (key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
            throw new BadCredentialsException("The API key is not valid.");
        }
        return ApiKeyAuthentication.presented(key);
    }
}
