package io.calcommcp.server.upstream;

import static io.calcommcp.server.upstream.RawUpstream.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.calcommcp.server.upstream.RawUpstream.Part;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An answer framed wrongly, with a whole second answer smuggled behind it: the connection it came
 * on is never used again, so the smuggled answer never becomes the next call's, whether that call
 * is another account's on the same base URL or the same account's. Each case is what a broken or
 * hostile API (or a proxy in front of it) really sends.
 */
class MisframedAnswerTest {

    private static final String KEY_A = "tempo_test_account_a_0123456789";
    private static final String KEY_B = "tempo_test_account_b_9876543210";
    private static final String SMUGGLED = "{\"stolen\":\"the first call's bookings\"}";

    private RawUpstream upstream;
    private UpstreamClient client;

    @AfterEach
    void stop() throws Exception {
        client.close();
        upstream.close();
    }

    /** The misframed answer, and how long the next call waits before it is sent. */
    static Stream<Arguments> misframings() {
        return Stream.of(
                Arguments.of(
                        "a 204 followed by bytes",
                        List.of(Part.text("HTTP/1.1 204 No Content\r\n\r\n" + ok(SMUGGLED))),
                        0),
                Arguments.of(
                        "a Content-Length shorter than what arrives",
                        List.of(Part.text("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}" + ok(SMUGGLED))),
                        0),
                Arguments.of(
                        "bytes after the framed end, arriving after the answer was read",
                        List.of(Part.text(ok("{}")), Part.pause(50), Part.text(ok(SMUGGLED))),
                        300),
                Arguments.of(
                        "a 204 that announces a body, whose bytes come after the next request",
                        List.of(
                                Part.text("HTTP/1.1 204 No Content\r\nContent-Length: 40\r\n\r\n"),
                                Part.pause(300),
                                Part.text(ok(SMUGGLED))),
                        0),
                Arguments.of(
                        "a 304 (never asked for), then a second answer",
                        List.of(
                                Part.text("HTTP/1.1 304 Not Modified\r\n\r\n"),
                                Part.pause(300),
                                Part.text(ok(SMUGGLED))),
                        0),
                Arguments.of(
                        "both a Transfer-Encoding and a Content-Length",
                        List.of(
                                Part.text("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Length: 7\r\n\r\n"
                                        + "2\r\n{}\r\n0\r\n\r\n"),
                                Part.pause(300),
                                Part.text(ok(SMUGGLED))),
                        0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("misframings")
    void aMisframedAnswerNeverReachesAnotherAccount(String framing, List<Part> misframed, long pauseMillis)
            throws Exception {
        start(request -> KEY_A.equals(bearer(request)) ? misframed : genuine(request));

        client.send(get(), target(KEY_A));
        Thread.sleep(pauseMillis);
        UpstreamResponse other = client.send(get(), target(KEY_B));

        assertFalse(other.body().contains("stolen"), framing + ": " + other.body());
        assertEquals("{\"call\":1,\"key\":\"" + KEY_B.substring(0, 18) + "\"}", other.body(), framing);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("misframings")
    void aMisframedAnswerNeverBecomesTheNextCallsAnswer(String framing, List<Part> misframed, long pauseMillis)
            throws Exception {
        start(request -> request.index() == 0 ? misframed : genuine(request));

        client.send(get(), target(KEY_A));
        Thread.sleep(pauseMillis);
        UpstreamResponse next = client.send(get(), target(KEY_A));

        assertEquals("{\"call\":1,\"key\":\"" + KEY_A.substring(0, 18) + "\"}", next.body(), framing);
        assertEquals(2, upstream.connections.get(), framing + ": the misframed answer's connection was used again");
    }

    // ---

    private void start(java.util.function.Function<RawUpstream.Request, List<Part>> script) throws Exception {
        upstream = new RawUpstream(script);
        client = TestClients.direct(Duration.ofSeconds(2), Duration.ofSeconds(2));
    }

    /** A well-framed answer naming the call and (the start of) the key it came with. */
    private static List<Part> genuine(RawUpstream.Request request) {
        return List.of(Part.text(ok(
                "{\"call\":" + request.index() + ",\"key\":\"" + bearer(request).substring(0, 18) + "\"}")));
    }

    private static String bearer(RawUpstream.Request request) {
        return request.header("Authorization").substring("Bearer ".length());
    }

    private static UpstreamRequest get() {
        return new UpstreamRequest("GET", "/v1/bookings", Map.of(), Optional.empty());
    }

    private UpstreamTarget target(String key) {
        URI base = upstream.baseUrl();
        return new UpstreamTarget(base, "Authorization", "Bearer " + key, key, false);
    }
}
