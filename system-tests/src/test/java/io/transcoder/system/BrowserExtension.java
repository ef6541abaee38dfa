package io.transcoder.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * Gives each test a {@link Browser} of its own, and once the test is over checks what it saw there: nothing at level
 * error in the console (no uncaught error, no CSP violation, no failed load), and no request to any host but the
 * API's and the storage's, which is to say none left the installation. A test that fails leaves a picture of the
 * window and the page's HTML under {@link Browser#SCREENSHOTS}.
 */
final class BrowserExtension implements ParameterResolver, AfterEachCallback, TestExecutionExceptionHandler {

    /**
     * The one failed load a page opened without a key makes by design, and Chromium logs as an error: before it asks
     * for a key it tries the job list without one, to find out whether the API wants keys at all ({@code api.auth=none})
     * and skip the question if not. Its 401 is the expected answer.
     */
    private static final String KEYS_OFF_PROBE =
            "/api/jobs?limit=1 - Failed to load resource: the server responded with a status of 401";
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(BrowserExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Browser.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getStore(NAMESPACE).computeIfAbsent(Browser.class, type -> Browser.open(), Browser.class);
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        Browser browser = context.getStore(NAMESPACE).get(Browser.class, Browser.class);
        if (browser != null) {
            try {
                browser.saveFailure(context.getRequiredTestMethod().getName());
            } catch (RuntimeException e) {
                failure.addSuppressed(e);
            }
        }
        throw failure;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Browser browser = context.getStore(NAMESPACE).remove(Browser.class, Browser.class);
        if (browser == null) {
            return;
        }
        try (browser) {
            RunningSystem system = RunningSystem.of(context);
            Set<String> inside = Set.of(Browser.origin(system.apiUri("/").toString()),
                    Browser.origin(system.storageEndpoint().toString()));
            String probe = system.apiUri("") + KEYS_OFF_PROBE;
            assertThat(browser.consoleErrors().stream().filter(message -> !message.startsWith(probe)).toList())
                    .as("errors in the browser's console").isEmpty();
            assertThat(browser.requested().stream().filter(url -> !inside.contains(Browser.origin(url)))
                    .toList()).as("requests to anywhere but " + inside).isEmpty();
        }
    }
}
