package io.calcommcp.server.prism;

import io.calcommcp.server.testing.RecordedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Prism on Cal.com's spec for the tests that send real requests to it, started once per test run
 * however many test classes use it (it takes seconds to start), and stopped when the run ends:
 *
 * <pre>{@code
 * @ExtendWith(PrismExtension.class)
 * class SomeEndToEndTest {
 *     private final RecordingPrism prism;
 *
 *     SomeEndToEndTest(RecordingPrism prism) {
 *         this.prism = prism; // a server under test calls prism.baseUrl()
 *     }
 * }
 * }</pre>
 *
 * <p>Before each test the recording is emptied; after it, the test fails if Prism refused any
 * request the test caused: every request our server sends must be valid against Cal.com's contract.
 * The tests share one recording, so they must not run in parallel with each other (JUnit runs them
 * one after another unless told otherwise).
 */
public final class PrismExtension implements ParameterResolver, BeforeEachCallback, AfterEachCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(PrismExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == RecordingPrism.class;
    }

    @Override
    public RecordingPrism resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return prism(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        prism(context).startTest();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        List<RecordedRequest> refused = prism(context).refused();
        if (!refused.isEmpty()) {
            throw new AssertionError("Prism refused " + refused.size() + " request(s) against Cal.com's spec:\n"
                    + refused.stream()
                            .map(r -> r.method() + " " + r.path() + " with " + r.responseStatus() + ": "
                                    + r.responseBody())
                            .collect(Collectors.joining("\n")));
        }
    }

    /** The run's one Prism, in the root context's store, which closes it when the run ends. */
    private static RecordingPrism prism(ExtensionContext context) {
        return context.getRoot()
                .getStore(NAMESPACE)
                .getOrComputeIfAbsent(RecordingPrism.class, type -> start(), RecordingPrism.class);
    }

    private static RecordingPrism start() {
        try {
            return RecordingPrism.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while Prism started", e);
        }
    }
}
