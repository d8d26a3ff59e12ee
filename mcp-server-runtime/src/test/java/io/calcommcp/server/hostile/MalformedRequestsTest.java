package io.calcommcp.server.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.calcommcp.server.testing.FakeHttpServer;
import io.calcommcp.server.testing.FakeHttpServer.Reply;
import io.calcommcp.server.testing.RawHttp;
import io.calcommcp.server.testing.RunningServer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each kind of malformed request, sent as raw bytes to the running server: its JSON-RPC error code
 * or JSON HTTP error, no stack trace, class name or HTML in the body, one {@code request_refused}
 * warning in the log with the expected reason, and nothing sent upstream.
 */
class MalformedRequestsTest {

    private static FakeHttpServer upstream;
    private static RunningServer server;

    /**
     * @param expected a JSON-RPC error code (a number) or the JSON HTTP error's {@code error} (a string)
     */
    private record Case(String name, IntFunction<byte[]> request, int status, Object expected, String reason) {}

    @BeforeAll
    static void start() throws Exception {
        upstream = new FakeHttpServer(request -> Reply.json(200, "{\"status\":\"success\",\"data\":[]}"));
        server = new RunningServer(upstream.baseUrl());
    }

    @AfterAll
    static void stop() {
        server.close();
        upstream.close();
    }

    private static IntFunction<byte[]> post(String body) {
        return post("/mcp", Map.of(), body.getBytes(StandardCharsets.UTF_8));
    }

    private static IntFunction<byte[]> post(String path, Map<String, String> extra, byte[] body) {
        return port -> {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Content-Type", "application/json");
            headers.put("Accept", "application/json, text/event-stream");
            headers.putAll(extra);
            StringBuilder head = new StringBuilder("POST " + path + " HTTP/1.1\r\n");
            if (!headers.containsKey("Host")) {
                head.append("Host: 127.0.0.1:").append(port).append("\r\n");
            }
            headers.forEach((n, v) -> {
                if (v != null) {
                    head.append(n).append(": ").append(v).append("\r\n");
                }
            });
            head.append("Content-Length: ").append(body.length).append("\r\nConnection: close\r\n\r\n");
            byte[] start = head.toString().getBytes(StandardCharsets.ISO_8859_1);
            byte[] all = new byte[start.length + body.length];
            System.arraycopy(start, 0, all, 0, start.length);
            System.arraycopy(body, 0, all, start.length, body.length);
            return all;
        };
    }

    /** A POST to /mcp whose body is sent in 4 KiB chunks, without a Content-Length. */
    private static IntFunction<byte[]> chunked(byte[] body) {
        return port -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(("POST /mcp HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nContent-Type: application/json\r\n"
                            + "Accept: application/json, text/event-stream\r\nTransfer-Encoding: chunked\r\n"
                            + "Connection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            for (int at = 0; at < body.length; at += 4096) {
                int length = Math.min(4096, body.length - at);
                out.writeBytes((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.write(body, at, length);
                out.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
            }
            out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            return out.toByteArray();
        };
    }

    @Test
    void aBodyInChunksLargerThanOneReadIsAnswered() throws Exception {
        String ping =
                "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"ping\",\"params\":{\"x\":\"" + "a".repeat(40_000) + "\"}}";
        RawHttp.Answer answer = RawHttp.send(
                server.port(), chunked(ping.getBytes(StandardCharsets.UTF_8)).apply(server.port()));
        String body = answer.body();
        assertEquals(200, answer.status(), body);
        assertTrue(body.contains("\"id\":7") && body.contains("\"result\""), body);
    }

    @Test
    void aRefusalBeforeTheBodyIsReadClosesTheConnection_andSaysSo() throws Exception {
        // Keep-alive asked for: a client told nothing would send its next request on a connection
        // the server closes because the body it did not read may still be arriving.
        String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}";
        RawHttp.Answer answer = RawHttp.send(
                server.port(),
                raw("POST /mcp HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: text/plain\r\n" + "Content-Length: "
                                + body.length() + "\r\n\r\n" + body)
                        .apply(server.port()));
        assertEquals(415, answer.status(), answer.body());
        assertEquals(
                "close", answer.headers().get("connection"), answer.headers().toString());
    }

    private static IntFunction<byte[]> raw(String request) {
        return port -> request.replace("{port}", String.valueOf(port)).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("a batch", post("[1,2,3]"), 400, -32600, "batch"));
        cases.add(new Case(
                "text/plain",
                post("/mcp", Map.of("Content-Type", "text/plain"), "hello".getBytes(StandardCharsets.UTF_8)),
                415,
                "unsupported_media_type",
                "unsupported_media_type"));
        cases.add(new Case("not JSON", post("hello"), 400, -32700, "parse_error"));
        cases.add(new Case("an empty body", post(""), 400, -32700, "parse_error"));
        cases.add(new Case("nested 100,000 deep", post("[".repeat(100_000)), 400, -32700, "too_deep"));
        cases.add(new Case(
                "an object nested 100,000 deep in arguments",
                post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":"
                        + "\"list_all_tempo_bookings\",\"arguments\":" + "{\"a\":".repeat(100_000) + "1"
                        + "}".repeat(100_000) + "}}"),
                400,
                -32700,
                "too_deep"));
        cases.add(new Case(
                "a 20 MB body",
                post("/mcp", Map.of(), new byte[20 * 1024 * 1024]),
                413,
                "payload_too_large",
                "payload_too_large"));
        cases.add(new Case(
                "a 2 MB body in chunks",
                chunked(("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"x\":\"" + "a".repeat(2 << 20)
                                + "\"}}")
                        .getBytes(StandardCharsets.UTF_8)),
                413,
                "payload_too_large",
                "payload_too_large"));
        cases.add(new Case(
                "a negative chunk size",
                raw("POST /mcp HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\n"
                        + "Transfer-Encoding: chunked\r\n\r\n-1\r\n{}\r\n0\r\n\r\n"),
                400,
                "bad_request",
                "bad_request"));
        cases.add(new Case(
                "a chunk size with a plus sign",
                raw("POST /mcp HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\n"
                        + "Transfer-Encoding: chunked\r\n\r\n+2\r\n{}\r\n0\r\n\r\n"),
                400,
                "bad_request",
                "bad_request"));
        cases.add(new Case(
                "HTTP/1.0 with Transfer-Encoding",
                raw("POST /mcp HTTP/1.0\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\n"
                        + "Transfer-Encoding: chunked\r\nConnection: keep-alive\r\n\r\n2\r\n{}\r\n0\r\n\r\n"),
                400,
                "bad_request",
                "bad_request"));
        cases.add(new Case(
                "a 2 MB string",
                post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"x\":\"" + "a".repeat(2 << 20)
                        + "\"}}"),
                413,
                "payload_too_large",
                "payload_too_large"));
        cases.add(new Case(
                "a 1000-digit number",
                post("{\"jsonrpc\":\"2.0\",\"id\":" + "9".repeat(1000) + ",\"method\":\"ping\"}"),
                400,
                -32700,
                "too_long"));
        cases.add(new Case(
                "a key given twice",
                post("{\"jsonrpc\":\"2.0\",\"id\":1,\"id\":2,\"method\":\"ping\"}"),
                400,
                -32700,
                "duplicate_key"));
        cases.add(new Case(
                "trailing content",
                post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"} {\"more\":1}"),
                400,
                -32700,
                "parse_error"));
        cases.add(new Case(
                "bytes that are not UTF-8",
                post("/mcp", Map.of(), new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'}),
                400,
                -32700,
                "parse_error"));
        cases.add(new Case(
                "a raw control character in a string",
                post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"pi\u0001ng\"}"),
                400,
                -32700,
                "parse_error"));
        cases.add(new Case("a string", post("\"tools/list\""), 400, -32600, "not_an_object"));
        cases.add(new Case(
                "no jsonrpc member", post("{\"id\":1,\"method\":\"tools/list\"}"), 400, -32600, "invalid_request"));
        cases.add(new Case(
                "an object as id",
                post("{\"jsonrpc\":\"2.0\",\"id\":{\"a\":1},\"method\":\"tools/list\"}"),
                400,
                -32600,
                "invalid_request"));
        cases.add(new Case(
                "a number as method",
                post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":42}"),
                400,
                -32600,
                "invalid_request"));
        cases.add(new Case(
                "an unknown method",
                post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/destroy\"}"),
                200,
                -32601,
                "method_not_found"));
        cases.add(new Case(
                "params as an array",
                post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":[1]}"),
                400,
                -32602,
                "invalid_params"));
        cases.add(new Case(
                "an unknown tool",
                post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"../../admin\"}}"),
                200,
                -32602,
                "unknown_tool"));
        cases.add(new Case(
                "GET /mcp",
                raw("GET /mcp HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"),
                405,
                "method_not_allowed",
                "method_not_allowed"));
        cases.add(new Case(
                "DELETE /mcp",
                raw("DELETE /mcp HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"),
                405,
                "method_not_allowed",
                "method_not_allowed"));
        cases.add(new Case(
                "TRACE /mcp",
                raw("TRACE /mcp HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"),
                405,
                "method_not_allowed",
                "method_not_allowed"));
        cases.add(new Case(
                "Accept: text/html",
                post("/mcp", Map.of("Accept", "text/html"), "{}".getBytes(StandardCharsets.UTF_8)),
                406,
                "not_acceptable",
                "not_acceptable"));
        cases.add(new Case(
                "a foreign Host",
                post("/mcp", Map.of("Host", "evil.example"), "{}".getBytes(StandardCharsets.UTF_8)),
                421,
                "misdirected_request",
                "misdirected_request"));
        cases.add(new Case(
                "a foreign Origin",
                post("/mcp", Map.of("Origin", "https://evil.example"), "{}".getBytes(StandardCharsets.UTF_8)),
                403,
                "forbidden",
                "forbidden"));
        cases.add(new Case(
                "20 KB of headers",
                post("/mcp", Map.of("X-Big", "a".repeat(20_000)), "{}".getBytes(StandardCharsets.UTF_8)),
                431,
                "headers_too_large",
                "headers_too_large"));
        cases.add(new Case(
                "a header line without a colon",
                raw(
                        "POST /mcp HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nthis is not a header\r\nConnection: close\r\n\r\n"),
                400,
                "bad_request",
                "bad_request"));
        cases.add(new Case(
                "a path nothing is served at",
                raw("GET /../../etc/passwd HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"),
                400,
                "bad_request",
                "bad_request"));
        cases.add(new Case(
                "an unknown path",
                raw("GET /admin HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"),
                404,
                "not_found",
                "not_found"));
        cases.add(new Case(
                "an encoded slash in the path",
                post("/mcp/%2e%2e%2fadmin", Map.of(), "{}".getBytes(StandardCharsets.UTF_8)),
                400,
                "bad_request",
                "bad_request"));
        cases.add(new Case(
                "a token that is no URL's",
                post("/mcp/not-a-token", Map.of(), "{}".getBytes(StandardCharsets.UTF_8)),
                404,
                "not_found",
                "not_found"));
        return cases;
    }

    @Test
    void everyMalformedRequest_getsItsError_inJson_loggedOnceAtWarn_withNothingSentUpstream() throws Exception {
        List<String> problems = new ArrayList<>();
        for (Case c : cases()) {
            int logBefore = HostileTraffic.refusals(server.log()).size();
            RawHttp.Answer answer = RawHttp.send(server.port(), c.request().apply(server.port()));
            JsonNode body = HostileTraffic.assertSafeJson(c.name(), answer.body());
            if (answer.status() != c.status()) {
                problems.add(c.name() + ": HTTP " + answer.status() + " instead of " + c.status() + ": " + body);
            }
            if (c.expected() instanceof Integer code) {
                if (!body.path("jsonrpc").asText().equals("2.0")
                        || body.path("error").path("code").asInt() != code) {
                    problems.add(c.name() + ": not JSON-RPC error " + code + ": " + body);
                }
                if (body.path("error").path("message").asText().isBlank()) {
                    problems.add(c.name() + ": no message: " + body);
                }
            } else if (!body.path("error").asText().equals(c.expected())
                    || body.path("message").asText().isBlank()) {
                problems.add(c.name() + ": not {\"error\": \"" + c.expected() + "\", \"message\": ...}: " + body);
            }
            if (answer.headers().getOrDefault("content-type", "").startsWith("application/json") == false) {
                problems.add(c.name() + ": content type " + answer.headers().get("content-type"));
            }
            List<JsonNode> refusals = waitForRefusals(logBefore + 1);
            List<JsonNode> added = refusals.subList(logBefore, refusals.size());
            if (added.size() != 1 || !added.get(0).path("reason").asText().equals(c.reason())) {
                problems.add(
                        c.name() + ": logged " + added + " instead of one request_refused with reason " + c.reason());
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
        assertEquals(List.of(), upstream.requests(), "malformed requests must send nothing upstream");
        // Every line the server wrote is one of ours: JSON, never the SDK's or Tomcat's plain text.
        List<String> plain =
                server.log().lines().filter(line -> !line.startsWith("{")).toList();
        assertEquals(List.of(), plain);
        assertTrue(
                Stream.of(server.log().split("\n")).noneMatch(line -> line.contains("evil") || line.contains("passwd")),
                "request content in the log");
        // The server still serves.
        assertFalse(server.client().listTools().tools().isEmpty());
    }

    private static List<JsonNode> waitForRefusals(int atLeast) throws InterruptedException {
        // The container's error pages log after the answer is sent; give them a moment.
        for (int i = 0; i < 50; i++) {
            List<JsonNode> now = HostileTraffic.refusals(server.log());
            if (now.size() >= atLeast) {
                Thread.sleep(20);
                return HostileTraffic.refusals(server.log());
            }
            Thread.sleep(20);
        }
        return HostileTraffic.refusals(server.log());
    }
}
