package io.calcommcp.server.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.calcommcp.server.upstream.UpstreamResponse;
import io.calcommcp.toolapi.VendorProfile;
import java.util.Optional;

/**
 * Turns the API's answer, of any status, into a tool result. A success passes the JSON on; an
 * error keeps the API's own message, code and details, says what to do next, and for 429 carries
 * the normalized rate limits. A body that is not JSON (an HTML error page from a proxy, say) is
 * never passed on.
 */
final class UpstreamAnswers {

    private final ObjectMapper json;
    private final String api;
    private final ErrorBodyReader errors;
    private final RateLimitReader rateLimits;

    UpstreamAnswers(ObjectMapper json, VendorProfile profile) {
        this.json = json;
        this.api = "The " + profile.displayName() + " API";
        this.errors = new ErrorBodyReader(profile);
        this.rateLimits = new RateLimitReader(profile);
    }

    ToolResult map(String toolName, Account account, UpstreamResponse response) {
        Optional<JsonNode> body = parse(response.body());
        if (response.isSuccess()) {
            return success(toolName, response, body);
        }
        ObjectNode error = json.createObjectNode();
        Optional<String> apiMessage = body.flatMap(errors::message);
        body.flatMap(errors::code).ifPresent(code -> error.put("code", code));
        body.flatMap(errors::details).ifPresent(details -> error.set("details", details));
        StringBuilder text = new StringBuilder(api).append(" answered HTTP ").append(response.status());
        String reason = HttpStatusText.reason(response.status());
        if (!reason.isEmpty()) {
            text.append(' ').append(reason);
        }
        text.append(
                apiMessage.isPresent()
                        ? ": " + apiMessage.get()
                        : (body.isEmpty() && !response.body().isBlank()
                                ? " (with a non-JSON body that is not shown)"
                                : ""));
        if (!text.toString().endsWith(".")) {
            text.append('.');
        }
        apiMessage.ifPresent(message -> error.put("message", message));
        Outcome outcome = Outcome.UPSTREAM_ERROR;
        if (response.status() == 429) {
            outcome = Outcome.RATE_LIMITED;
            ObjectNode limits = rateLimits.read(response);
            error.set("rateLimit", limits);
            text.append(" Rate limit: ").append(limits.toString()).append('.');
        }
        text.append(' ')
                .append(
                        response.status() == 401
                                ? "The API key (" + account.name() + ") was not accepted; whoever runs this server"
                                        + " must check it. Retrying will not help."
                                : HttpStatusText.advice(response.status()));
        return ToolResult.failure(outcome, response.status(), text.toString(), error);
    }

    private ToolResult success(String toolName, UpstreamResponse response, Optional<JsonNode> body) {
        if (response.body().isBlank()) {
            ObjectNode structured = json.createObjectNode().put("httpStatus", response.status());
            return ToolResult.success(
                    structured, api + " answered HTTP " + response.status() + " with no content.", response.status());
        }
        if (body.isEmpty()) {
            return ToolResult.failure(
                    Outcome.UPSTREAM_INVALID_RESPONSE,
                    response.status(),
                    api + " answered HTTP " + response.status() + " but its body is not JSON ("
                            + response.header("content-type").orElse("no content type")
                            + "), so " + toolName + " cannot pass it on. Try again later; if it persists, the API"
                            + " base URL may point at something other than the API.",
                    json.createObjectNode());
        }
        JsonNode node = body.get();
        ObjectNode structured =
                node.isObject() ? (ObjectNode) node : json.createObjectNode().set("data", node);
        // The upstream's own text is already the JSON; re-serialising the tree would only cost time.
        return ToolResult.success(
                structured, node.isObject() ? response.body().strip() : structured.toString(), response.status());
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
}
