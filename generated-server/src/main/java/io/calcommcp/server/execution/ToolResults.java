package io.calcommcp.server.execution;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.calcommcp.server.upstream.UpstreamResponse;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns upstream answers and failures into MCP tool results.
 *
 * <p>A success carries the upstream JSON as structured content and the same JSON, compact, as
 * text (for clients that only read text). A failure is a tool error ({@code isError: true})
 * whose text says what went wrong and what to do next, and whose structured content carries
 * the machine-readable {@code error} object: its {@code type}, the HTTP status, the API's own
 * message, code and details, and for 429 the normalised rate-limit values. Upstream bodies that
 * are not JSON (HTML error pages from a proxy, say) are never passed on.
 */
public final class ToolResults {

    /** The outcome of a call, as logged and as {@code error.type} in results. */
    public enum Outcome {
        /** The API answered 2xx with JSON (or nothing). */
        OK("ok"),
        /** The arguments were refused before anything was sent. */
        INVALID_ARGUMENTS("invalid_arguments"),
        /** The API answered with a 4xx or 5xx status. */
        UPSTREAM_ERROR("upstream_error"),
        /** The API answered 429 Too Many Requests. */
        RATE_LIMITED("rate_limited"),
        /** The API answered 2xx with a body that is not JSON. */
        UPSTREAM_INVALID_RESPONSE("upstream_invalid_response"),
        /** No answer: connection refused, timeout, broken connection. */
        UPSTREAM_UNAVAILABLE("upstream_unavailable"),
        /** A fault in this server. */
        INTERNAL_ERROR("internal_error");

        private final String label;

        Outcome(String label) {
            this.label = label;
        }

        /** The snake_case name used in logs and results. */
        public String label() {
            return label;
        }
    }

    // Rate-limit headers come under several names (IETF draft, X- prefixed, per-throttler suffixes).
    private static final List<String> RATE_LIMIT_FIELDS = List.of("limit", "remaining", "reset");
    private static final int MAX_MESSAGE_LENGTH = 1000;

    private final ObjectMapper json;

    /** @param json parses upstream bodies */
    public ToolResults(ObjectMapper json) {
        this.json = json;
    }

    /** A result with its outcome, for logging. */
    public record Result(CallToolResult result, Outcome outcome, Integer upstreamStatus) {}

    /** The result for an upstream answer of any status. */
    public Result fromResponse(String toolName, UpstreamResponse response) {
        Optional<JsonNode> body = parse(response.body());
        if (response.isSuccess()) {
            if (response.body().isBlank()) {
                ObjectNode structured = json.createObjectNode().put("httpStatus", response.status());
                return new Result(
                        success(structured, "The Cal.com API answered HTTP " + response.status() + " with no content."),
                        Outcome.OK,
                        response.status());
            }
            if (body.isEmpty()) {
                return error(
                        Outcome.UPSTREAM_INVALID_RESPONSE,
                        response.status(),
                        "The Cal.com API answered HTTP " + response.status() + " but its body is not JSON ("
                                + response.header("content-type").orElse("no content type")
                                + "), so " + toolName + " cannot pass it on. Try again later; if it persists, the API"
                                + " base URL may point at something other than the Cal.com API.",
                        json.createObjectNode());
            }
            JsonNode node = body.get();
            ObjectNode structured = node.isObject()
                    ? (ObjectNode) node
                    : json.createObjectNode().set("data", node);
            // The upstream's own text is already the JSON; re-serialising the tree would only cost time.
            return new Result(
                    success(structured, node.isObject() ? response.body().strip() : structured.toString()),
                    Outcome.OK,
                    response.status());
        }

        ObjectNode error = json.createObjectNode();
        String apiMessage = body.flatMap(this::apiMessage).orElse(null);
        body.ifPresent(b -> copyCodeAndDetails(b, error));
        StringBuilder text = new StringBuilder("The Cal.com API answered HTTP ").append(response.status());
        String reason = reason(response.status());
        if (!reason.isEmpty()) {
            text.append(' ').append(reason);
        }
        text.append(
                apiMessage != null
                        ? ": " + apiMessage
                        : (body.isEmpty() && !response.body().isBlank()
                                ? " (with a non-JSON body that is not shown)"
                                : ""));
        if (!text.toString().endsWith(".")) {
            text.append('.');
        }
        if (apiMessage != null) {
            error.put("message", apiMessage);
        }
        Outcome outcome = Outcome.UPSTREAM_ERROR;
        if (response.status() == 429) {
            outcome = Outcome.RATE_LIMITED;
            ObjectNode limits = rateLimits(response);
            error.set("rateLimit", limits);
            text.append(" Rate limit: ").append(limits.toString()).append('.');
        }
        text.append(' ').append(advice(response.status()));
        return error(outcome, response.status(), text.toString(), error);
    }

    /** The result for arguments refused before sending. */
    public Result invalidArguments(CatalogTool tool, List<String> problems) {
        StringBuilder text =
                new StringBuilder("Invalid arguments for ").append(tool.name()).append(", nothing was sent:");
        problems.forEach(p -> text.append("\n- ").append(p));
        text.append("\nFix these and call ").append(tool.name()).append(" again");
        List<String> names = new ArrayList<>();
        tool.inputSchema().path("properties").fieldNames().forEachRemaining(names::add);
        if (!names.isEmpty()) {
            List<String> required = new ArrayList<>();
            tool.inputSchema().path("required").forEach(r -> required.add(r.asText()));
            text.append(" (its arguments: ").append(String.join(", ", names));
            if (!required.isEmpty()) {
                text.append("; required: ").append(String.join(", ", required));
            }
            text.append(')');
        }
        text.append('.');
        ObjectNode error = json.createObjectNode();
        error.set("problems", json.valueToTree(problems));
        return error(Outcome.INVALID_ARGUMENTS, null, text.toString(), error);
    }

    /** The result when no answer arrived. */
    public Result unavailable(String message) {
        return error(
                Outcome.UPSTREAM_UNAVAILABLE,
                null,
                message + " Nothing is known to have changed; check the connection or try again shortly.",
                json.createObjectNode());
    }

    /** The result for a fault in this server; the message must not contain secrets. */
    public Result internalError(String toolName) {
        return error(
                Outcome.INTERNAL_ERROR,
                null,
                "The server failed while running " + toolName + ". This is a bug in the server, not in your arguments.",
                json.createObjectNode());
    }

    private CallToolResult success(ObjectNode structured, String text) {
        return CallToolResult.builder()
                .content(List.of(TextContent.builder(text).build()))
                .structuredContent(structured)
                .isError(false)
                .build();
    }

    private Result error(Outcome outcome, Integer status, String text, ObjectNode error) {
        ObjectNode full = json.createObjectNode().put("type", outcome.label());
        if (status != null) {
            full.put("httpStatus", status);
        }
        full.setAll(error);
        ObjectNode structured = json.createObjectNode().set("error", full);
        CallToolResult result = CallToolResult.builder()
                .content(List.of(TextContent.builder(text).build()))
                .structuredContent(structured)
                .isError(true)
                .build();
        return new Result(result, outcome, status);
    }

    private Optional<JsonNode> parse(String body) {
        if (body.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.readTree(body));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    // The API's own words: {"error":{"message":...}} (Cal.com), {"message":...} (NestJS), {"error":"..."}.
    private Optional<String> apiMessage(JsonNode body) {
        JsonNode error = body.path("error");
        for (JsonNode candidate : List.of(error.path("message"), body.path("message"), error)) {
            String text = messageText(candidate);
            if (!text.isBlank()) {
                return Optional.of(
                        text.length() > MAX_MESSAGE_LENGTH ? text.substring(0, MAX_MESSAGE_LENGTH) + "..." : text);
            }
        }
        return Optional.empty();
    }

    private static String messageText(JsonNode node) {
        if (node.isTextual()) {
            return node.asText();
        }
        if (node.isArray()) {
            List<String> parts = new ArrayList<>();
            node.forEach(n -> parts.add(n.isTextual() ? n.asText() : n.toString()));
            return String.join("; ", parts);
        }
        return "";
    }

    private static void copyCodeAndDetails(JsonNode body, ObjectNode error) {
        JsonNode apiError = body.path("error");
        JsonNode code = apiError.isObject() ? apiError.path("code") : body.path("error");
        if (code.isTextual()) {
            error.put("code", code.asText());
        }
        JsonNode details = apiError.path("details");
        if (!details.isMissingNode() && !details.isNull()) {
            error.set("details", details);
        }
    }

    private ObjectNode rateLimits(UpstreamResponse response) {
        ObjectNode limits = json.createObjectNode();
        for (String field : RATE_LIMIT_FIELDS) {
            Optional<String> value = findRateLimitHeader(response, field);
            if (value.isEmpty() && field.equals("reset")) {
                value = response.header("retry-after");
            }
            String key = "ratelimit-" + field;
            value.ifPresentOrElse(v -> putNumberOrText(limits, key, v), () -> limits.putNull(key));
        }
        return limits;
    }

    private static Optional<String> findRateLimitHeader(UpstreamResponse response, String field) {
        for (String prefix : List.of("ratelimit-", "x-ratelimit-")) {
            Optional<String> exact = response.header(prefix + field);
            if (exact.isPresent()) {
                return exact;
            }
        }
        // e.g. X-RateLimit-Remaining-Default: a suffix names the throttler.
        return response.headers().entrySet().stream()
                .filter(e -> e.getKey().startsWith("x-ratelimit-" + field + "-")
                        || e.getKey().startsWith("ratelimit-" + field + "-"))
                .map(e -> e.getValue().isEmpty() ? null : e.getValue().get(0))
                .filter(v -> v != null)
                .findFirst();
    }

    private static void putNumberOrText(ObjectNode node, String key, String value) {
        try {
            node.put(key, Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            node.put(key, value);
        }
    }

    private static String advice(int status) {
        return switch (status) {
            case 400, 422 -> "Fix the arguments the message names and call again.";
            case 401 ->
                "The server's Cal.com API key was not accepted; whoever runs this server must check CALCOM_API_KEY."
                        + " Retrying will not help.";
            case 403 -> "The account behind the API key may not do this; retrying will not help.";
            case 404 -> "Check the id: list or search first to find an existing one.";
            case 409 -> "It conflicts with the current state; get the resource again and retry with current values.";
            case 429 -> "Too many requests: wait until the reset time before calling again; do not retry at once.";
            default ->
                status >= 500
                        ? "The Cal.com API had a problem; try again in a little while."
                        : "Check the arguments and call again.";
        };
    }

    private static String reason(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 409 -> "Conflict";
            case 410 -> "Gone";
            case 413 -> "Payload Too Large";
            case 415 -> "Unsupported Media Type";
            case 422 -> "Unprocessable Entity";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> "";
        };
    }
}
