package io.transcoder.api.security;

import io.transcoder.api.ApiProperties;
import io.transcoder.api.page.PagePolicy;
import io.transcoder.storage.LinkProperties;
import io.transcoder.storage.StorageProperties;
import jakarta.servlet.DispatcherType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.AuthenticationEntryPointFailureHandler;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who may do what on the API's port: health, the web page (with its assets), the format catalogue and the signed
 * manifest links of {@code /api/jobs/{id}/outputs/...} are public; everything else under {@code /api} needs an API
 * key and acts for the key's owner; the rest of actuator is not served here. With {@code api.auth=none} nobody needs
 * a key and every job belongs to {@code api.local-owner}.
 *
 * <p>Stateless: no session, no cookie, hence no CSRF token either (a browser sends no credential by itself).
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

    @Bean
    ProblemEntryPoint problemEntryPoint(JsonMapper json) {
        return new ProblemEntryPoint(json);
    }

    @Bean
    SecurityFilterChain api(HttpSecurity http, ApiProperties api, ProblemEntryPoint entryPoint,
            ObjectProvider<StorageProperties> storage, ObjectProvider<LinkProperties> links) {
        // the page runs only its own script and style, loads results only from storage, and is never framed
        String contentSecurityPolicy =
                PagePolicy.contentSecurityPolicy(storage.getIfAvailable(), links.getIfAvailable());
        http.csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(contentSecurityPolicy))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(entryPoint).accessDeniedHandler(entryPoint));
        if (api.auth() == ApiProperties.Auth.NONE) {
            log.warn("API KEYS ARE OFF (api.auth=none): anyone who reaches this port can submit jobs and see every job. "
                    + "Use this only on a closed network.");
            http.anonymous(anonymous -> anonymous
                    .principal(new Owner(api.localOwner()))
                    .authorities(AuthorityUtils.createAuthorityList("ROLE_OWNER")));
        } else {
            ApiKeys keys = new ApiKeys(api.keys());
            if (keys.size() == 0) {
                log.warn("No API keys are configured (api.keys.{owner}): every API request will be refused with 401");
            }
            AuthenticationFilter authentication = new AuthenticationFilter(
                    new ProviderManager(new ApiKeyAuthentication.Provider(keys)), new ApiKeyConverter());
            authentication.setFailureHandler(new AuthenticationEntryPointFailureHandler(entryPoint));
            authentication.setSuccessHandler((request, response, auth) -> { }); // go on to the endpoint
            http.addFilterBefore(authentication, AnonymousAuthenticationFilter.class);
        }
        return http.authorizeHttpRequests(requests -> requests
                        // the answer of a streaming (SSE) or failed request, already authorized when it began
                        .dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll()
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers("/actuator/**").denyAll()
                        .requestMatchers("/", "/index.html", "/assets/**", "/vendor/**", "/favicon.ico", "/error")
                        .permitAll()
                        // the API's description, like the formats: public, and no owner's data
                        .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml", "/swagger-ui.html",
                                "/swagger-ui/**")
                        .permitAll()
                        // what the service offers, like its price list: no owner's data, and the page shows it first
                        .requestMatchers(HttpMethod.GET, "/api/formats").permitAll()
                        // a player cannot send a key: a manifest link's signature opens it (ManifestController); any
                        // method, so that the others are answered 405 rather than 401
                        .requestMatchers("/api/jobs/*/outputs/**").permitAll()
                        .anyRequest().hasRole("OWNER"))
                .build();
    }
}
