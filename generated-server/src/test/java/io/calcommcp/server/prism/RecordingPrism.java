package io.calcommcp.server.prism;

import io.calcommcp.server.testing.FakeHttpServer;
import io.calcommcp.server.testing.RecordedRequest;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * Prism on the relaxed copy of Cal.com's spec (see {@link RelaxedSpec}), behind a recording proxy:
 * a server under test calls {@link #baseUrl()}, the proxy records each request and Prism's answer,
 * and Prism checks each request against Cal.com's contract (an invalid one gets 422). Made once per
 * test run by {@link PrismExtension}, which also checks after every test that Prism accepted every
 * request the test caused.
 */
public final class RecordingPrism implements AutoCloseable {

    private final PrismMock prism;
    private final FakeHttpServer proxy;
    /** The requests of the current test that {@link #clear()} took out of {@link #requests()}. */
    private final List<RecordedRequest> cleared = new ArrayList<>();

    private RecordingPrism(PrismMock prism, FakeHttpServer proxy) {
        this.prism = prism;
        this.proxy = proxy;
    }

    /** Starts Prism on a fresh relaxed copy of the spec, and the proxy in front of it. */
    static RecordingPrism start() throws IOException, InterruptedException {
        PrismMock prism = PrismMock.start(RelaxedSpec.write());
        try {
            return new RecordingPrism(prism, new FakeHttpServer(new ProxyResponder(prism.baseUrl())));
        } catch (IOException | RuntimeException e) {
            prism.close();
            throw e;
        }
    }

    /** Where a server under test sends its Cal.com requests. */
    public URI baseUrl() {
        return proxy.baseUrl();
    }

    /** The requests since the test started or since {@link #clear()}, with Prism's answers. */
    public List<RecordedRequest> requests() {
        return proxy.requests();
    }

    /** Forgets the requests so far for {@link #requests()}; they are still checked after the test. */
    public synchronized void clear() {
        cleared.addAll(proxy.requests());
        proxy.clear();
    }

    /** Starts a test: nothing recorded. */
    synchronized void startTest() {
        cleared.clear();
        proxy.clear();
    }

    /** Every request of the current test that Prism did not answer with a 2xx. */
    synchronized List<RecordedRequest> refused() {
        List<RecordedRequest> all = new ArrayList<>(cleared);
        all.addAll(proxy.requests());
        return all.stream()
                .filter(r -> r.responseStatus() < 200 || r.responseStatus() >= 300)
                .toList();
    }

    @Override
    public void close() {
        proxy.close();
        prism.close();
    }
}
