package io.calcommcp.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.calcommcp.server.engine.CallObserver;
import io.calcommcp.server.log.StructuredLog;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The HTTP/1.1 server on its own, over raw sockets: framing, keep-alive, and what it refuses. */
class HttpServerHostTest {

    private static final ByteArrayOutputStream LOG = new ByteArrayOutputStream();
    private static HttpServerHost server;

    @BeforeAll
    static void start() throws IOException {
        HttpService service = new HttpService() {
            @Override
            public void register(Routes routes) {
                routes.add(HttpServerHostTest::echo, "/echo", "/p/*");
                routes.add((request, response) -> response.send(200, "text/plain", bytes("exact")), "/p/exact");
                routes.add(
                        (request, response) -> {
                            throw new IllegalStateException("a bug in a handler");
                        },
                        "/boom");
                routes.add((request, response) -> response.send(200, "text/plain", bytes("unread")), "/ignore");
                routes.add(HttpServerHostTest::letters, "/letters/*");
            }
        };
        server = HttpServerHost.start(
                "127.0.0.1",
                0,
                List.of(service),
                Duration.ofSeconds(2),
                new StructuredLog(new PrintStream(LOG, true, StandardCharsets.UTF_8), new ObjectMapper()),
                CallObserver.NONE);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Answers the body it read, then what followed the route. */
    private static void echo(HttpRequest request, HttpResponse response) throws IOException {
        byte[] body = request.body().readAllBytes();
        response.send(200, "text/plain", bytes(new String(body, StandardCharsets.UTF_8) + "|" + request.subPath()));
    }

    /**
     * Answers {@code /letters/n} with n letters, as a body that writes itself into the answer array
     * and guesses its length as one byte; {@code /letters/n/h} adds h headers of 100 bytes.
     */
    private static void letters(HttpRequest request, HttpResponse response) throws IOException {
        String[] parts = request.subPath().substring(1).split("/");
        int n = Integer.parseInt(parts[0]);
        for (int i = 0; parts.length > 1 && i < Integer.parseInt(parts[1]); i++) {
            response.setHeader("X-Filler-" + i, "f".repeat(100));
        }
        response.send(200, "text/plain", new HttpResponse.ArrayBody() {
            @Override
            public int expectedLength() {
                return 1;
            }

            @Override
            public int writeInto(byte[] into, int from) {
                if (into.length - from < n) {
                    return -1;
                }
                for (int i = 0; i < n; i++) {
                    into[from + i] = (byte) ('a' + i % 26);
                }
                return from + n;
            }
        });
    }

    private static String letters(int n) {
        StringBuilder letters = new StringBuilder();
        for (int i = 0; i < n; i++) {
            letters.append((char) ('a' + i % 26));
        }
        return letters.toString();
    }

    @Test
    void aBodyWrittenIntoTheAnswerArray_growsIt_leavesAHeadTooLargeForItsRoom_andAnswersHead() throws IOException {
        try (Connection c = new Connection()) {
            // Larger than the array the connection keeps, then small again on the same connection.
            c.send("GET /letters/300000 HTTP/1.1\r\nHost: x\r\n\r\n");
            Answer large = c.answer();
            assertEquals("300000", large.headers().get("content-length"));
            assertEquals(letters(300_000), large.body());
            c.send("GET /letters/5 HTTP/1.1\r\nHost: x\r\n\r\n");
            assertEquals("abcde", c.answer().body());
            // Twenty headers of 100 bytes do not fit the room kept before the body.
            c.send("GET /letters/40/20 HTTP/1.1\r\nHost: x\r\n\r\n");
            Answer headers = c.answer();
            assertEquals("f".repeat(100), headers.headers().get("x-filler-19"));
            assertEquals(letters(40), headers.body());
            c.send("HEAD /letters/7 HTTP/1.1\r\nHost: x\r\n\r\nGET /letters/3 HTTP/1.1\r\nHost: x\r\n\r\n");
            assertEquals("7", c.answerToHead().headers().get("content-length"));
            assertEquals("abc", c.answer().body());
        }
    }

    @Test
    void keepsTheConnection_andAnswersPipelinedRequestsInOrder() throws IOException {
        try (Connection c = new Connection()) {
            c.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\none"
                    + "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\ntwo");
            assertEquals("one|", c.answer().body());
            Answer second = c.answer();
            assertEquals("two|", second.body());
            assertEquals(null, second.headers().get("connection"));
            c.send("GET /echo HTTP/1.1\r\nHost: x\r\n\r\n");
            assertEquals("|", c.answer().body());
        }
    }

    @Test
    void readsAChunkedBody_andKeepsTheConnection() throws IOException {
        try (Connection c = new Connection()) {
            c.send("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "4;ext=1\r\nWiki\r\n5\r\npedia\r\n0\r\nX-Trailer: 1\r\n\r\n");
            assertEquals("Wikipedia|", c.answer().body());
            c.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nok");
            assertEquals("ok|", c.answer().body());
        }
    }

    @Test
    void sends100Continue_beforeReadingABodyThatWaitsForIt() throws IOException {
        try (Connection c = new Connection()) {
            c.send("POST /echo HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n");
            assertEquals(100, c.answer().status());
            c.send("hello");
            assertEquals("hello|", c.answer().body());
        }
    }

    @Test
    void answersHeadWithoutABody() throws IOException {
        try (Connection c = new Connection()) {
            c.send("HEAD /echo HTTP/1.1\r\nHost: x\r\n\r\nGET /echo HTTP/1.1\r\nHost: x\r\n\r\n");
            Answer head = c.answerToHead();
            assertEquals(200, head.status());
            assertEquals("1", head.headers().get("content-length"));
            assertEquals("|", c.answer().body());
        }
    }

    @Test
    void closesAfterAnHttp10Request_andAfterConnectionClose() throws IOException {
        try (Connection c = new Connection()) {
            c.send("GET /echo HTTP/1.0\r\n\r\n");
            Answer answer = c.answer();
            assertEquals(200, answer.status());
            assertEquals("close", answer.headers().get("connection"));
            assertTrue(c.closed());
        }
        try (Connection c = new Connection()) {
            c.send("GET /echo HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            assertEquals("close", c.answer().headers().get("connection"));
            assertTrue(c.closed());
        }
    }

    @Test
    void routes_exactBeforePrefix_andThePrefixItself() throws IOException {
        try (Connection c = new Connection()) {
            c.send("GET /p/exact HTTP/1.1\r\nHost: x\r\n\r\n");
            assertEquals("exact", c.answer().body());
            c.send("GET /p/a%20b HTTP/1.1\r\nHost: x\r\n\r\n");
            assertEquals("|/a b", c.answer().body());
            c.send("GET /p?q=1 HTTP/1.1\r\nHost: x\r\n\r\n");
            assertEquals("|", c.answer().body());
            c.send("GET /px HTTP/1.1\r\nHost: x\r\n\r\n");
            assertEquals(404, c.answer().status());
        }
    }

    @Test
    void refusesWhatCouldBeReadTwoWays_withAJsonAnswer_andCloses() throws IOException {
        Map<String, Integer> cases = new TreeMap<>();
        cases.put("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd", 400);
        cases.put("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n", 400);
        cases.put("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n", 400);
        cases.put("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n", 501);
        cases.put("GET /echo HTTP/2.0\r\nHost: x\r\n\r\n", 505);
        cases.put("GET /echo HTTP/1.1\r\n\r\n", 400);
        cases.put("GET /echo HTTP/1.1\r\nHost: x\r\nHost: y\r\n\r\n", 400);
        cases.put("GET /echo HTTP/1.1\r\nHost: x\r\nX-A: 1\rX-B: 2\r\n\r\n", 400);
        cases.put("GET /echo HTTP/1.1\r\nHost: x\r\nX-A: 1\r\n folded\r\n\r\n", 400);
        cases.put("GET /echo HTTP/1.1\r\nHost: x\r\nBad Name: 1\r\n\r\n", 400);
        cases.put("GET http://x/echo HTTP/1.1\r\nHost: x\r\n\r\n", 400);
        cases.put("GET /p/%2e%2e/echo HTTP/1.1\r\nHost: x\r\n\r\n", 400);
        cases.put("GET /p/a%2fb HTTP/1.1\r\nHost: x\r\n\r\n", 400);
        cases.put("GET /p/%C3%28 HTTP/1.1\r\nHost: x\r\n\r\n", 400);
        cases.put("GET /nothing HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 404);
        cases.put("POST /echo HTTP/1.1\r\nHost: x\r\nExpect: magic\r\nContent-Length: 1\r\n\r\n", 417);
        cases.put("GET /echo HTTP/1.1\r\nHost: x\r\n" + "X-N: 1\r\n".repeat(101) + "\r\n", 431);
        cases.put("GET /echo HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(9000) + "\r\n\r\n", 431);
        for (Map.Entry<String, Integer> each : cases.entrySet()) {
            try (Connection c = new Connection()) {
                c.send(each.getKey());
                Answer answer = c.answer();
                String what = each.getKey().lines().findFirst().orElseThrow() + " ...";
                assertEquals(each.getValue(), answer.status(), what + ": " + answer.body());
                assertTrue(answer.body().startsWith("{\"error\":\""), what + ": " + answer.body());
                assertEquals("close", answer.headers().get("connection"), what);
                assertTrue(c.closed(), what);
            }
        }
    }

    @Test
    void aFailingHandler_isA500_andTheServerGoesOn() throws IOException {
        try (Connection c = new Connection()) {
            c.send("GET /boom HTTP/1.1\r\nHost: x\r\n\r\n");
            Answer answer = c.answer();
            assertEquals(500, answer.status());
            assertTrue(answer.body().contains("\"error\":\"internal_error\""), answer.body());
            assertTrue(!answer.body().contains("a bug in a handler"), answer.body());
        }
        assertTrue(LOG.toString(StandardCharsets.UTF_8).contains("java.lang.IllegalStateException"));
        try (Connection c = new Connection()) {
            c.send("GET /echo HTTP/1.1\r\nHost: x\r\n\r\n");
            assertEquals(200, c.answer().status());
        }
    }

    @Test
    void aBodyLeftUnread_closesTheConnection_soItIsNotTakenForTheNextRequest() throws IOException {
        try (Connection c = new Connection()) {
            c.send(
                    "POST /ignore HTTP/1.1\r\nHost: x\r\nContent-Length: 40\r\n\r\nGET /echo HTTP/1.1\r\nHost: x\r\n\r\n");
            Answer answer = c.answer();
            assertEquals("unread", answer.body());
            assertEquals("close", answer.headers().get("connection"));
            assertTrue(c.closed());
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    record Answer(int status, Map<String, String> headers, String body) {}

    /** A client connection that reads answers one by one. */
    private static final class Connection implements AutoCloseable {
        private final Socket socket;
        private final InputStream in;

        Connection() throws IOException {
            socket = new Socket(InetAddress.getLoopbackAddress(), server.port());
            socket.setSoTimeout(5_000);
            in = socket.getInputStream();
        }

        void send(String text) throws IOException {
            socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
        }

        Answer answer() throws IOException {
            return read(true);
        }

        Answer answerToHead() throws IOException {
            return read(false);
        }

        private Answer read(boolean withBody) throws IOException {
            String statusLine = line();
            int status = Integer.parseInt(statusLine.split(" ")[1]);
            Map<String, String> headers = new TreeMap<>();
            for (String line = line(); !line.isEmpty(); line = line()) {
                int colon = line.indexOf(':');
                headers.put(
                        line.substring(0, colon).toLowerCase(Locale.ROOT),
                        line.substring(colon + 1).trim());
            }
            String body = "";
            if (withBody && headers.containsKey("content-length")) {
                body = new String(
                        in.readNBytes(Integer.parseInt(headers.get("content-length"))), StandardCharsets.UTF_8);
            }
            return new Answer(status, headers, body);
        }

        private String line() throws IOException {
            StringBuilder line = new StringBuilder();
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b < 0) {
                    throw new IOException("closed inside an answer head: " + line);
                }
                if (b != '\r') {
                    line.append((char) b);
                }
            }
            return line.toString();
        }

        /** Whether the server has closed its side (the next read sees the end of the stream). */
        boolean closed() throws IOException {
            try {
                return in.read() < 0;
            } catch (java.net.SocketException e) {
                return true;
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
