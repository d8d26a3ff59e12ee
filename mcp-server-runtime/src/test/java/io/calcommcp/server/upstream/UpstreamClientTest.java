package io.calcommcp.server.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The HTTP/1.1 client against a server that answers exactly the bytes each test scripts: the
 * framings an API may use, keep-alive and its end, and answers that are not HTTP. What the API sees
 * is checked byte for byte.
 */
class UpstreamClientTest {

    private static final String KEY = "tempo_test_0123456789abcdef";

    private RawUpstream server;
    private volatile boolean closeAfterEachAnswer;
    private UpstreamClient client;

    @AfterEach
    void stop() throws IOException {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aKeepAliveConnectionServesTheNextCall() throws Exception {
        start(n -> ok("{\"n\":" + n + "}"));

        assertEquals("{\"n\":0}", get("/v1/bookings?take=1").body());
        assertEquals("{\"n\":1}", get("/v1/bookings?take=2").body());

        assertEquals(1, server.connections.get());
        String request = request(0);
        assertTrue(request.startsWith("GET /v1/bookings?take=1 HTTP/1.1\r\n"), request);
        assertTrue(request.contains("\r\nHost: 127.0.0.1:" + server.port() + "\r\n"), request);
        assertTrue(request.contains("\r\nAuthorization: Bearer " + KEY + "\r\n"), request);
        assertTrue(request.contains("\r\nAccept: application/json\r\n"), request);
        assertFalse(request.contains("Content-Length"), request);
    }

    @Test
    void aBodyIsSentWithItsTypeAndLength() throws Exception {
        start(n -> ok("{}"));

        UpstreamResponse response = client.send(
                new UpstreamRequest(
                        "POST",
                        "/v1/bookings",
                        Map.of("tempo-api-version", "2024-08-13"),
                        Optional.of("{\"a\":\"é\"}")),
                target());

        assertEquals(200, response.status());
        String request = request(0);
        assertTrue(request.contains("\r\ntempo-api-version: 2024-08-13\r\n"), request);
        assertTrue(request.contains("\r\nContent-Type: application/json\r\n"), request);
        assertTrue(request.contains("\r\nContent-Length: 10\r\n"), request);
        assertTrue(request.endsWith("\r\n\r\n{\"a\":\"é\"}"), request);
    }

    @Test
    void chunksAreJoinedAndTrailersSkipped() throws Exception {
        start(n -> "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5;name=value\r\n{\"a\":\r\n3\r\n12}\r\n0\r\nX-Trailer: 1\r\n\r\n");

        assertEquals("{\"a\":12}", get("/x").body());
        assertEquals("{\"a\":12}", get("/x").body());
        assertEquals(1, server.connections.get());
    }

    @Test
    void anInterimAnswerIsSkipped() throws Exception {
        start(n -> "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\n{}");

        UpstreamResponse response = get("/x");

        assertEquals(201, response.status());
        assertEquals("{}", response.body());
    }

    @Test
    void connectionCloseIsHonoured_andABodyMayEndWithTheConnection() throws Exception {
        start(n -> n == 0
                ? "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}"
                : "HTTP/1.0 200 OK\r\n\r\n{\"until\":\"closed\"}");

        assertEquals("{}", get("/x").body());
        assertEquals("{\"until\":\"closed\"}", get("/x").body());
        assertEquals("{\"until\":\"closed\"}", get("/x").body());

        assertEquals(3, server.connections.get());
    }

    @Test
    void aGetOnAConnectionTheServerClosedIsSentOnceMoreOnANewOne() throws Exception {
        start(n -> ok("{\"n\":" + n + "}"));
        closeAfterEachAnswer = true; // without saying so: the next request finds it closed

        assertEquals("{\"n\":0}", get("/x").body());
        assertEquals("{\"n\":1}", get("/x").body());

        assertEquals(2, server.connections.get());
        assertEquals(2, server.requests.size());
    }

    @Test
    void aPostAfterAnIdleSecondChecksTheConnectionFirst() throws Exception {
        start(n -> ok("{\"n\":" + n + "}"));
        closeAfterEachAnswer = true;
        assertEquals("{\"n\":0}", get("/x").body());
        Thread.sleep(1_200);

        UpstreamResponse response =
                client.send(new UpstreamRequest("POST", "/v1/bookings", Map.of(), Optional.of("{}")), target());

        assertEquals("{\"n\":1}", response.body());
        assertEquals(2, server.requests.size());
        assertTrue(request(1).startsWith("POST /v1/bookings HTTP/1.1\r\n"), request(1));
    }

    @Test
    void anAnswerThatIsNotHttpIsRefusedWithoutQuotingIt() throws Exception {
        start(n -> "SSH-2.0-OpenSSH " + KEY + "\r\n\r\n");

        UpstreamUnavailableException e = assertThrows(UpstreamUnavailableException.class, () -> get("/x"));
        assertTrue(e.getMessage().contains("sent an answer this server cannot read"), e.getMessage());
        assertTrue(e.getMessage().contains("HTTP/1.x status line"), e.getMessage());
        assertFalse(e.getMessage().contains("SSH"), e.getMessage());
        assertFalse(e.getMessage().contains(KEY), e.getMessage());
    }

    @Test
    void anEndlessHeadIsCutOff() throws Exception {
        start(n -> "HTTP/1.1 200 OK\r\nX-Long: " + "a".repeat(CheckedConnection.MAX_HEAD_LINE_BYTES) + "\r\n\r\n{}");

        UpstreamUnavailableException e = assertThrows(UpstreamUnavailableException.class, () -> get("/x"));
        assertTrue(e.getMessage().contains("head has a line longer than 16 KiB"), e.getMessage());
    }

    @Test
    void aKeyTheApiEchoesIsRedacted() throws Exception {
        start(n -> ok("{\"message\":\"bad key " + KEY + ", and again " + KEY + "\"}"));

        assertEquals(
                "{\"message\":\"bad key [redacted], and again [redacted]\"}",
                get("/x").body());
    }

    @Test
    void aHeaderValueCannotStartAnotherHeader() throws Exception {
        start(n -> ok("{}"));

        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> client.send(
                        new UpstreamRequest("GET", "/x", Map.of("x-note", "a\r\nX-Injected: 1"), Optional.empty()),
                        target()));
        assertFalse(e.getMessage().contains("Injected"), e.getMessage());
        assertTrue(server.requests.isEmpty());
    }

    @Test
    void aBasePathPrefixesEveryRoute() throws Exception {
        start(n -> ok("{}"));

        client.send(
                new UpstreamRequest("GET", "/v2/me", Map.of(), Optional.empty()),
                new UpstreamTarget(
                        URI.create("http://127.0.0.1:" + server.port() + "/api/"),
                        "Authorization",
                        "Bearer " + KEY,
                        KEY,
                        false));

        assertTrue(request(0).startsWith("GET /api/v2/me HTTP/1.1\r\n"), request(0));
    }

    // ---

    private void start(IntFunction<String> answers) throws IOException {
        server = new RawUpstream(request -> {
            String answer = answers.apply(request.index());
            // An answer without a length ends when the connection does.
            boolean framed = answer.contains("Content-Length") || answer.contains("chunked");
            return closeAfterEachAnswer || !framed
                    ? List.of(RawUpstream.Part.text(answer), RawUpstream.Part.CLOSE)
                    : List.of(RawUpstream.Part.text(answer));
        });
        client = new UpstreamClient("the Test API", Duration.ofSeconds(2), Duration.ofSeconds(2), "test/1", 1 << 20);
    }

    /** The n-th request as it arrived, head and body. */
    private String request(int n) {
        RawUpstream.Request request = server.requests.get(n);
        return request.head() + request.body();
    }

    private UpstreamResponse get(String pathAndQuery) throws Exception {
        return client.send(new UpstreamRequest("GET", pathAndQuery, Map.of(), Optional.empty()), target());
    }

    private UpstreamTarget target() {
        return new UpstreamTarget(
                URI.create("http://127.0.0.1:" + server.port()), "Authorization", "Bearer " + KEY, KEY, false);
    }

    private static String ok(String json) {
        return "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                + json.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + json;
    }
}
