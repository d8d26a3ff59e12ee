package io.calcommcp.server.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.calcommcp.server.testing.FakeHttpServer;
import io.calcommcp.server.testing.FakeHttpServer.Reply;
import io.calcommcp.server.testing.Results;
import io.calcommcp.server.testing.RunningServer;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What an API's answer may never carry into a tool result, through the whole server: the key,
 * however it is escaped or wherever the API puts it (a JSON string, a member name, a header); bytes
 * that are not the one JSON document a client can read; and advice that points at a message the
 * answer did not have.
 */
class UpstreamAnswerSafetyTest {

    private static final String KEY = RunningServer.API_KEY;

    private FakeHttpServer upstream;
    private RunningServer server;

    @BeforeEach
    void start() throws Exception {
        upstream = new FakeHttpServer(request -> Reply.json(200, "{}"));
        server = new RunningServer(upstream.baseUrl(), Duration.ofSeconds(2), Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() {
        server.close();
        upstream.close();
    }

    @Test
    void aKeyEscapedInsideJsonIsRedacted() {
        String escaped = unicodeEscaped(KEY);
        String half = KEY.substring(0, 10) + unicodeEscaped(KEY.substring(10));
        // A list (read by the streaming outline), a single record (read as a tree), an error's message and details.
        answer(
                200,
                "{\"status\":\"success\",\"data\":[{\"id\":1,\"note\":\"your key is " + escaped + "\",\"" + half
                        + "\":true}]}");
        assertNoKey(server.call("list_all_tempo_bookings", Map.of("limit", 1)));

        answer(200, "{\"status\":\"success\",\"data\":{\"id\":1,\"echo\":\"" + half + "\"}}");
        CallToolResult single = server.call("get_single_tempo_booking_by_id", Map.of("bookingUid", "abc"));
        assertNoKey(single);
        assertTrue(Results.text(single).contains("[redacted]"), Results.text(single));

        answer(
                401,
                "{\"status\":\"error\",\"error\":{\"code\":\"UnauthorizedException\",\"message\":\"Invalid API key "
                        + escaped + "\",\"details\":{\"key\":\"" + half + "\"}}}");
        CallToolResult error = server.call("list_all_tempo_bookings", Map.of("limit", 1));
        assertTrue(error.isError());
        assertNoKey(error);
        assertTrue(Results.text(error).contains("Invalid API key [redacted]"), Results.text(error));
    }

    @Test
    void aKeyInsideAHeaderNeverReachesTheResult() {
        for (String contentType : new String[] {"text/html; charset=" + KEY, KEY, "application/" + KEY}) {
            upstream.respondWith(request -> new Reply(200, Map.of("Content-Type", contentType), "<html></html>", 0));
            CallToolResult result = server.call("list_all_tempo_bookings", Map.of("limit", 1));
            assertEquals("upstream_invalid_response", Results.at(result, "error", "type"));
            assertNoKey(result);
        }
        upstream.respondWith(request -> new Reply(200, Map.of("Content-Type", "text/html; charset=utf-8"), "<p/>", 0));
        assertTrue(Results.text(server.call("list_all_tempo_bookings", Map.of("limit", 1)))
                .contains("not JSON (text/html)"));
    }

    @Test
    void anErrorWithoutAMessageSaysWhatIsKnownInsteadOfPointingAtAMessage() {
        for (String body : new String[] {"{\"status\":\"error\"}", ""}) {
            upstream.respondWith(request -> new Reply(400, Map.of("Content-Type", "application/json"), body, 0));
            String text = Results.text(server.call("list_all_tempo_bookings", Map.of("limit", 1)));
            assertTrue(text.contains("HTTP 400 Bad Request, with no message saying what was wrong."), text);
            assertFalse(text.contains("the message names"), text);
            assertTrue(text.contains("Check every argument against the tool's input schema"), text);
        }
        answer(422, "{\"status\":\"error\",\"error\":{\"message\":\"start is invalid\"}}");
        String explained = Results.text(server.call("list_all_tempo_bookings", Map.of("limit", 1)));
        assertTrue(explained.contains("start is invalid. Fix the arguments the message names"), explained);
    }

    @Test
    void bytesThatAreNotOneUtf8JsonDocumentAreNeverPassedOn() {
        for (String body : new String[] {
            "{\"status\":\"success\",\"data\":[]} trailing",
            "{\"status\":\"success\",\"data\":{\"id\":1}}{\"second\":true}",
        }) {
            answer(200, body);
            assertEquals(
                    "upstream_invalid_response",
                    Results.at(server.call("list_all_tempo_bookings", Map.of("limit", 1)), "error", "type"),
                    body);
            assertEquals(
                    "upstream_invalid_response",
                    Results.at(
                            server.call("get_single_tempo_booking_by_id", Map.of("bookingUid", "a")), "error", "type"),
                    body);
        }
    }

    @Test
    void bytesThatAreNotUtf8AreNeverPassedOn() throws Exception {
        // An overlong encoding of "/" and an encoded surrogate: Jackson reads both, UTF-8 forbids them.
        for (byte[] bad : new byte[][] {{(byte) 0xc0, (byte) 0xaf}, {(byte) 0xed, (byte) 0xa0, (byte) 0x80}}) {
            ByteArrayOutputStream json = new ByteArrayOutputStream();
            json.writeBytes("{\"status\":\"success\",\"data\":[\"".getBytes(StandardCharsets.US_ASCII));
            json.writeBytes(bad);
            json.writeBytes("\"]}".getBytes(StandardCharsets.US_ASCII));
            try (ServerSocket api = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
                Thread answering = new Thread(() -> answerEveryConnection(api, json.toByteArray()), "raw-api");
                answering.setDaemon(true);
                answering.start();
                try (RunningServer raw = new RunningServer(URI.create("http://127.0.0.1:" + api.getLocalPort()))) {
                    Map<String, Map<String, Object>> calls = Map.of(
                            "list_all_tempo_bookings", Map.of("limit", 1),
                            "get_single_tempo_booking_by_id", Map.of("bookingUid", "a"));
                    calls.forEach((tool, arguments) -> assertEquals(
                            "upstream_invalid_response", Results.at(raw.call(tool, arguments), "error", "type"), tool));
                }
            }
        }
    }

    /** Answers every request on every connection with {@code body} as it is, then closes the connection. */
    private static void answerEveryConnection(ServerSocket api, byte[] body) {
        while (!api.isClosed()) {
            try (Socket socket = api.accept()) {
                socket.getInputStream().read(new byte[8192]);
                OutputStream out = socket.getOutputStream();
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: "
                                + body.length + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.write(body);
            } catch (IOException e) {
                return;
            }
        }
    }

    private void answer(int status, String json) {
        upstream.respondWith(request -> Reply.json(status, json));
    }

    private static void assertNoKey(CallToolResult result) {
        assertFalse(Results.text(result).contains(KEY), Results.text(result));
        String structured = String.valueOf(result.structuredContent());
        assertFalse(structured.contains(KEY), structured);
    }

    private static String unicodeEscaped(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            out.append(String.format("\\u%04x", (int) c));
        }
        return out.toString();
    }
}
