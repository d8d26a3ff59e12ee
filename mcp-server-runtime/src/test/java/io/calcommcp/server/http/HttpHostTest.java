package io.calcommcp.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.calcommcp.server.config.RequestLimits;
import io.calcommcp.server.log.StructuredLog;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The HTTP listener on its own, over raw sockets: framing, keep-alive, and what it refuses, each
 * refusal as JSON and followed by closing the connection, so that nothing after it is read as a
 * request. (Jetty parses; these tests pin the configuration that makes it strict.)
 */
class HttpHostTest {

    private static final ByteArrayOutputStream LOG = new ByteArrayOutputStream();
    private static HttpHost server;

    @BeforeAll
    static void start() throws IOException {
        server = HttpHost.on("127.0.0.1", 0, "test")
                .limits(RequestLimits.defaults().withRequestTimeout(Duration.ofSeconds(2)))
                .log(new StructuredLog(new PrintStream(LOG, true, StandardCharsets.UTF_8), new ObjectMapper()))
                .route("/echo", new Echo("/echo"))
                .route("/p/*", new Echo("/p"))
                .route("/p/exact", answering("exact"))
                .route("/boom", new Handler.Abstract() {
                    @Override
                    public boolean handle(Request request, Response response, Callback callback) {
                        throw new IllegalStateException("a bug in a handler");
                    }
                })
                .route("/ignore", answering("unread"))
                .route("/letters/*", new Letters())
                .start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Answers the body it read, then what followed its path. */
    private static final class Echo extends Handler.Abstract {
        private final String path;

        Echo(String path) {
            this.path = path;
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            String body = Content.Source.asString(request, StandardCharsets.UTF_8);
            String rest = request.getHttpURI().getDecodedPath().substring(path.length());
            text(response, callback, body + "|" + rest);
            return true;
        }
    }

    /** Answers {@code /letters/n} with n letters; {@code /letters/n/h} adds h headers of 100 bytes. */
    private static final class Letters extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            String[] parts = request.getHttpURI()
                    .getDecodedPath()
                    .substring("/letters/".length())
                    .split("/");
            for (int i = 0; parts.length > 1 && i < Integer.parseInt(parts[1]); i++) {
                response.getHeaders().put("X-Filler-" + i, "f".repeat(100));
            }
            text(response, callback, letters(Integer.parseInt(parts[0])));
            return true;
        }
    }

    private static Handler answering(String text) {
        return new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                text(response, callback, text);
                return true;
            }
        };
    }

    private static void text(Response response, Callback callback, String text) {
        response.setStatus(200);
        response.getHeaders().put("Content-Type", "text/plain");
        response.write(true, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), callback);
    }

    private static String letters(int n) {
        StringBuilder letters = new StringBuilder();
        for (int i = 0; i < n; i++) {
            letters.append((char) ('a' + i % 26));
        }
        return letters.toString();
    }

    @Test
    void largeAndSmallAnswersShareAConnection_manyAnswerHeadersFit_andHeadAnswersWithoutABody() throws IOException {
        try (Connection c = new Connection()) {
            c.send("GET /letters/300000 HTTP/1.1\r\nHost: x\r\n\r\n");
            Answer large = c.answer();
            assertEquals("300000", large.headers().get("content-length"));
            assertEquals(letters(300_000), large.body());
            c.send("GET /letters/5 HTTP/1.1\r\nHost: x\r\n\r\n");
            assertEquals("abcde", c.answer().body());
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
        // RFC 9112, 6.3: a request whose final transfer coding is not chunked has no knowable length.
        cases.put("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n", 400);
        // HTTP/2 is spoken only over a connection that starts as HTTP/2; Jetty asks to upgrade.
        cases.put("GET /echo HTTP/2.0\r\nHost: x\r\n\r\n", 426);
        cases.put("GET /echo HTTP/3.0\r\nHost: x\r\n\r\n", 505);
        cases.put("GET /echo HTTP/1.1\r\n\r\n", 400);
        cases.put("GET /echo HTTP/1.1\r\nHost: x\r\nHost: y\r\n\r\n", 400);
        cases.put("GET /echo HTTP/1.1\r\nHost: x\r\nX-A: 1\rX-B: 2\r\n\r\n", 400);
        cases.put("GET /echo HTTP/1.1\r\nHost: x\r\nX-A: 1\r\n folded\r\n\r\n", 400);
        cases.put("GET /echo HTTP/1.1\r\nHost: x\r\nBad Name: 1\r\n\r\n", 400);
        cases.put("GET /p/%2e%2e/echo HTTP/1.1\r\nHost: x\r\n\r\n", 400);
        cases.put("GET /p/a%2fb HTTP/1.1\r\nHost: x\r\n\r\n", 400);
        cases.put("GET /p/%C3%28 HTTP/1.1\r\nHost: x\r\n\r\n", 400);
        cases.put("GET /nothing HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 404);
        cases.put("POST /echo HTTP/1.1\r\nHost: x\r\nExpect: magic\r\nContent-Length: 1\r\n\r\n", 417);
        cases.put("GET /echo HTTP/1.1\r\nHost: x\r\n" + "X-N: 1\r\n".repeat(101) + "\r\n", 431);
        cases.put("GET /echo HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(9000) + "\r\n\r\n", 431);
        for (Map.Entry<String, Integer> each : cases.entrySet()) {
            assertRefusedAndClosed(each.getKey(), each.getValue());
        }
    }

    @Test
    void aNegativeChunkSizeIsRefusedWith400AndClosed() throws IOException {
        assertRefusedAndClosed(
                "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n-1\r\nab\r\n0\r\n\r\n", 400);
    }

    @Test
    void aChunkSizeWithASignIsRefusedWith400AndClosed() throws IOException {
        assertRefusedAndClosed(
                "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n+2\r\nab\r\n0\r\n\r\n", 400);
    }

    @Test
    void aChunkSizeThatOverflowsIsRefusedWith400AndClosed() throws IOException {
        assertRefusedAndClosed(
                "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + "ffffffffffffffffff\r\nab\r\n0\r\n\r\n",
                400);
    }

    @Test
    void anHttp10RequestWithTransferEncodingIsRefusedWith400_andTheRequestAfterItIsNotServed() throws IOException {
        try (Connection c = new Connection()) {
            c.send("POST /echo HTTP/1.0\r\nConnection: keep-alive\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "2\r\nab\r\n0\r\n\r\nGET /echo HTTP/1.1\r\nHost: x\r\n\r\n");
            Answer answer = c.answer();
            assertEquals(400, answer.status(), answer.body());
            assertTrue(answer.body().startsWith("{\"error\":\"bad_request\""), answer.body());
            assertTrue(c.closed(), "the pipelined request after it was served");
        }
    }

    private static void assertRefusedAndClosed(String request, int status) throws IOException {
        try (Connection c = new Connection()) {
            c.send(request);
            Answer answer = c.answer();
            String what = request.lines().findFirst().orElseThrow() + " ...";
            assertEquals(status, answer.status(), what + ": " + answer.body());
            assertTrue(answer.body().startsWith("{\"error\":\""), what + ": " + answer.body());
            assertTrue(c.closed(), what + " was answered " + answer.headers() + " and kept open");
        }
    }

    @Test
    void aFailingHandler_isA500_andTheServerGoesOn() throws IOException {
        try (Connection c = new Connection()) {
            c.send("GET /boom HTTP/1.1\r\nHost: x\r\n\r\n");
            Answer answer = c.answer();
            assertEquals(500, answer.status());
            assertTrue(answer.body().contains("\"error\":\"internal_error\""), answer.body());
            assertFalse(answer.body().contains("a bug in a handler"), answer.body());
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
            assertTrue(c.closed());
        }
    }

    record Answer(int status, Map<String, String> headers, String body) {}

    /** A client connection that reads answers one by one. */
    private static final class Connection implements AutoCloseable {
        private final Socket socket;
        private final InputStream in;

        Connection() throws IOException {
            socket = new Socket(InetAddress.getLoopbackAddress(), server.port());
            socket.setSoTimeout(3_000);
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
            } catch (java.net.SocketTimeoutException e) {
                return false;
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
