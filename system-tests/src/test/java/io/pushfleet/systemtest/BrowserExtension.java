package io.pushfleet.systemtest;

import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Injects a fresh {@link Browser} into each test method that asks for one, and closes it after the
 * test. When the test failed, a screenshot, the page's HTML and its console log are saved under
 * {@code target/browser-failures/} first, while the browser still shows the failing state.
 */
final class BrowserExtension implements ParameterResolver, AfterTestExecutionCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(BrowserExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Browser.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        // The method's store: the browser is closed (AutoCloseable) when this test ends.
        return context.getStore(NAMESPACE).computeIfAbsent(Browser.class, key -> {
            try {
                return Browser.start(Path.of(System.getProperty("pushfleet.logs", "target/fleet-logs")));
            } catch (IOException e) {
                throw new UncheckedIOException("the browser did not start", e);
            }
        }, Browser.class);
    }

    @Override
    public void afterTestExecution(ExtensionContext context) {
        Browser browser = context.getStore(NAMESPACE).get(Browser.class, Browser.class);
        if (browser != null && context.getExecutionException().isPresent()) {
            Path dir = Path.of(System.getProperty("pushfleet.browser-failures", "target/browser-failures"));
            String name = context.getRequiredTestClass().getSimpleName() + "-" + context.getRequiredTestMethod().getName();
            browser.saveEvidence(dir, name);
            System.err.println("browser evidence of the failure: " + dir.resolve(name + ".png").toAbsolutePath());
        }
    }
}
