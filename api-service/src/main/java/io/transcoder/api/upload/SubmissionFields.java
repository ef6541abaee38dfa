package io.transcoder.api.upload;

import io.transcoder.api.formats.FormatCatalogue;
import io.transcoder.api.problems.ApiException;
import io.transcoder.api.webhooks.CallbackUrls;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The text parts of an upload, gathered as they arrive (before or after the file), then checked. */
class SubmissionFields {

    private final List<String> formats = new ArrayList<>();
    private @Nullable String email;
    private @Nullable String callbackUrl;

    void add(String name, String value) {
        switch (name) {
            case "formats", "format" -> formats.add(value);
            case "email" -> email = value.strip();
            case "callbackUrl" -> callbackUrl = value.strip();
            default -> { } // unknown text parts are ignored, as HTML forms may send extra ones
        }
    }

    /** Checks what has arrived so far, so a bad request is refused before its video is streamed anywhere. */
    void checkSoFar(FormatCatalogue catalogue, Validator validator) {
        if (!formats.isEmpty()) {
            catalogue.resolve(formats);
        }
        if (email != null) {
            checkEmail(email, validator);
        }
        if (callbackUrl != null && !callbackUrl.isEmpty()) {
            CallbackUrls.checkForm(callbackUrl);
        }
    }

    /**
     * The formats and address of a complete upload, and the callback URL it names, if any (of a form a callback may
     * have: whether it may be called is {@link CallbackUrls#forSubmission}'s to say).
     */
    Checked check(FormatCatalogue catalogue, Validator validator) {
        List<String> resolved = catalogue.resolve(formats);
        if (email == null) {
            throw ApiException.invalidEmail("it is missing.");
        }
        checkEmail(email, validator);
        if (callbackUrl == null || callbackUrl.isEmpty()) {
            return new Checked(resolved, email, null);
        }
        CallbackUrls.checkForm(callbackUrl);
        return new Checked(resolved, email, callbackUrl);
    }

    private static void checkEmail(String email, Validator validator) {
        var violations = validator.validate(new Recipient(email));
        if (!violations.isEmpty()) {
            throw ApiException.invalidEmail(violations.iterator().next().getMessage() + ".");
        }
    }

    record Checked(List<String> formats, String email, @Nullable String callbackUrl) {}

    record Recipient(@NotBlank @Email @Size(max = 254) String address) {}
}
