package io.transcoder.api.webhooks;

import io.transcoder.api.problems.ApiException;
import io.transcoder.api.security.Owner;
import io.transcoder.webhooks.CallbackUrlPolicy;
import io.transcoder.webhooks.CallbackUrlRefusedException;
import java.net.URI;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** The callback URL a submission gets: the one it names, or else its owner's default, if the policy accepts it. */
@Component
public class CallbackUrls {

    private final CallbackUrlPolicy policy;
    private final WebhookSettings settings;

    CallbackUrls(CallbackUrlPolicy policy, WebhookSettings settings) {
        this.policy = policy;
        this.settings = settings;
        // a default that could never be called is a mistake to hear of at start, not at the owner's next submission
        settings.defaultUrls().forEach((owner, url) -> {
            try {
                CallbackUrlPolicy.parse(url.strip());
            } catch (CallbackUrlRefusedException e) {
                throw new IllegalStateException("api.webhooks.default-urls." + owner + " is not a callback URL: "
                        + e.getMessage());
            }
        });
    }

    /**
     * Checks the form of a URL that has just arrived, before the rest of the request: what its host resolves to is
     * looked at by {@link #forSubmission}.
     *
     * @throws ApiException {@code invalid-callback-url}, saying why
     */
    public static void checkForm(String given) {
        try {
            CallbackUrlPolicy.parse(given);
        } catch (CallbackUrlRefusedException e) {
            throw ApiException.invalidCallbackUrl(e.getMessage());
        }
    }

    /**
     * The URL a job of {@code owner} calls back: {@code given} unless it is blank, else the owner's default, else none.
     *
     * @throws ApiException {@code invalid-callback-url}, saying why the URL may not be called
     */
    public @Nullable URI forSubmission(@Nullable String given, Owner owner) {
        if (given != null && !given.isBlank()) {
            try {
                return policy.check(given.strip());
            } catch (CallbackUrlRefusedException e) {
                throw ApiException.invalidCallbackUrl(e.getMessage());
            }
        }
        String fallback = settings.defaultUrls().get(owner.id());
        if (fallback == null || fallback.isBlank()) {
            return null;
        }
        try {
            return policy.check(fallback.strip());
        } catch (CallbackUrlRefusedException e) {
            throw ApiException.invalidCallbackUrl("none was given, and the default one configured for you ("
                    + fallback.strip() + ") is refused: " + e.getMessage());
        }
    }
}
