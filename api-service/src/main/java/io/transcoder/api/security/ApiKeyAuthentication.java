package io.transcoder.api.security;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;

/** An API key as it arrives (unauthenticated), or the owner it stands for once checked. */
final class ApiKeyAuthentication extends AbstractAuthenticationToken {

    private final @Nullable String key;
    private final @Nullable Owner owner;

    private ApiKeyAuthentication(@Nullable String key, @Nullable Owner owner) {
        super(owner == null ? List.of() : AuthorityUtils.createAuthorityList("ROLE_OWNER"));
        this.key = key;
        this.owner = owner;
        setAuthenticated(owner != null);
    }

    static ApiKeyAuthentication presented(String key) {
        return new ApiKeyAuthentication(key, null);
    }

    @Override
    public @Nullable Object getCredentials() {
        return key;
    }

    @Override
    public @Nullable Object getPrincipal() {
        return owner;
    }

    @Override
    public void eraseCredentials() {
        // nothing kept: an authenticated token never holds the key
    }

    /** Checks presented keys against the configured hashes. */
    record Provider(ApiKeys keys) implements AuthenticationProvider {

        @Override
        public Authentication authenticate(Authentication authentication) {
            String key = (String) authentication.getCredentials();
            Owner owner = keys.ownerOf(key == null ? "" : key)
                    .orElseThrow(() -> new BadCredentialsException("The API key is not valid."));
            return new ApiKeyAuthentication(null, owner);
        }

        @Override
        public boolean supports(Class<?> authentication) {
            return ApiKeyAuthentication.class.isAssignableFrom(authentication);
        }
    }
}
