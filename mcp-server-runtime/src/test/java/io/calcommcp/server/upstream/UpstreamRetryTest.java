package io.calcommcp.server.upstream;

import static io.calcommcp.server.upstream.RawUpstream.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.calcommcp.server.upstream.RawUpstream.Part;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What is sent again and what is not, and what a failure says: a change never goes out twice, a
 * read whose connection broke before any answer goes out once more, an answer is never retried;
 * and no failure names the API's address or a Java exception.
 */
class UpstreamRetryTest {

    private static final String KEY = "tempo_test_0123456789abcdef";

    private final UpstreamClient client = TestClients.direct(Duration.ofSeconds(2), Duration.ofSeconds(2));

    @AfterEach
    void stop() {
        client.close();
    }

    @Test
    void aPostIsNeverSentTwice_evenWhenItsConnectionBreaksUnanswered() throws Exception {
        for (String method : List.of("POST", "PATCH")) {
            try (RawUpstream upstream = new RawUpstream(request -> List.of(Part.CLOSE))) {
                UpstreamUnavailableException e = assertThrows(
                        UpstreamUnavailableException.class,
                        () -> client.send(
                                new UpstreamRequest(method, "/v1/bookings", Map.of(), Optional.of("{}")),
                                target(upstream.baseUrl())));

                assertEquals(1, upstream.requests.size(), method + " went out " + upstream.requests.size() + " times");
                assertTrue(e.mayHaveArrived(), method);
                assertEquals("The Test API closed the connection without answering.", e.getMessage());
            }
        }
    }

    @Test
    void aGetWhoseConnectionBreaksUnansweredIsSentOnceMore() throws Exception {
        try (RawUpstream upstream = new RawUpstream(
                request -> request.index() == 0 ? List.of(Part.CLOSE) : List.of(Part.text(ok("{\"n\":1}"))))) {
            UpstreamResponse response = client.send(get(), target(upstream.baseUrl()));

            assertEquals("{\"n\":1}", response.body());
            assertEquals(2, upstream.requests.size());
        }
    }

    @Test
    void anAnswerIsNeverRetried_notEvenA429OrA503ThatSaysWhenToRetry() throws Exception {
        for (int status : new int[] {429, 503}) {
            try (RawUpstream upstream = new RawUpstream(request -> List.of(
                    Part.text("HTTP/1.1 " + status + " Busy\r\nRetry-After: 1\r\nContent-Length: 2\r\n\r\n{}")))) {
                assertEquals(
                        status, client.send(get(), target(upstream.baseUrl())).status());
                assertEquals(1, upstream.requests.size(), "HTTP " + status);
            }
        }
    }

    @Test
    void aRedirectIsNotFollowed_soTheKeyGoesNowhereElse() throws Exception {
        try (RawUpstream elsewhere = new RawUpstream(request -> List.of(Part.text(ok("{}"))));
                RawUpstream upstream = new RawUpstream(request -> List.of(Part.text("HTTP/1.1 302 Found\r\nLocation: "
                        + elsewhere.baseUrl() + "/steal\r\nContent-Length: 0\r\n\r\n")))) {
            assertEquals(302, client.send(get(), target(upstream.baseUrl())).status());
            assertEquals(0, elsewhere.requests.size());
        }
    }

    @Test
    void toolErrorsNameNeitherTheUpstreamUrlNorExceptionClasses() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        assertNamesNothing(
                failure(URI.create("http://127.0.0.1:" + closedPort)),
                "Could not connect to the Test API (connection refused or host unreachable).",
                closedPort);
        for (List<Part> broken : List.of(
                List.of(Part.text("SSH-2.0-OpenSSH\r\n\r\n")),
                List.of(Part.text("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n")),
                List.of(Part.text("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n{}"), Part.CLOSE),
                List.of(Part.text("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n{}")),
                List.of(Part.text("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}")),
                List.of(Part.text("HTTP/1.1 200 OK\r\nbroken header\r\n\r\n")))) {
            try (RawUpstream upstream = new RawUpstream(request -> broken)) {
                UpstreamUnavailableException e = failure(upstream.baseUrl());
                assertNamesNothing(e, null, upstream.port());
            }
        }
    }

    private static void assertNamesNothing(UpstreamUnavailableException e, String expected, int port) {
        String message = e.getMessage();
        if (expected != null) {
            assertEquals(expected, message);
        }
        assertTrue(message.startsWith("The Test API") || message.startsWith("Could not connect"), message);
        assertFalse(message.contains("127.0.0.1") || message.contains(String.valueOf(port)), message);
        assertFalse(message.contains("Exception") || message.contains("java.") || message.contains("apache"), message);
    }

    private UpstreamUnavailableException failure(URI base) {
        return assertThrows(UpstreamUnavailableException.class, () -> client.send(get(), target(base)));
    }

    private static UpstreamRequest get() {
        return new UpstreamRequest("GET", "/v1/bookings", Map.of(), Optional.empty());
    }

    private static UpstreamTarget target(URI base) {
        return new UpstreamTarget(base, "Authorization", "Bearer " + KEY, KEY, false);
    }
}
