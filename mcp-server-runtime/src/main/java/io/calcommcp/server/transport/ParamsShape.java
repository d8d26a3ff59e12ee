package io.calcommcp.server.transport;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * The shape of the {@code params} of the MCP requests this server answers, checked before the
 * SDK reads them: the SDK turns a wrong type into an internal error whose message names its
 * classes, where the client deserves an invalid-params error that says which member is wrong.
 * Only types are checked here; what the values mean is the SDK's and the tools' business.
 */
final class ParamsShape {

    private ParamsShape() {}

    /**
     * What is wrong with {@code params} (an object, or null for none) for {@code method}, if
     * anything.
     */
    static Optional<String> problem(String method, JsonNode params) {
        JsonNode given = params == null || params.isNull() ? null : params;
        if (given != null
                && given.has("_meta")
                && !given.get("_meta").isObject()
                && !given.get("_meta").isNull()) {
            return Optional.of("params._meta must be an object");
        }
        return switch (method) {
            case "initialize" -> initialize(given);
            case "tools/list" -> optional(given, "cursor", JsonNode::isTextual, "a string");
            case "tools/call" -> toolsCall(given);
            default -> Optional.empty();
        };
    }

    private static Optional<String> initialize(JsonNode params) {
        if (params == null || !params.path("protocolVersion").isTextual()) {
            return Optional.of("initialize needs params.protocolVersion, a string such as \"2025-06-18\"");
        }
        Optional<String> capabilities = optional(params, "capabilities", JsonNode::isObject, "an object");
        if (capabilities.isPresent()) {
            return capabilities;
        }
        JsonNode client = params.get("clientInfo");
        if (client == null || client.isNull()) {
            return Optional.empty();
        }
        if (!client.isObject()) {
            return Optional.of("params.clientInfo must be an object with a name and a version");
        }
        for (String member : new String[] {"name", "version", "title"}) {
            JsonNode value = client.get(member);
            if (value != null && !value.isNull() && !value.isTextual()) {
                return Optional.of("params.clientInfo." + member + " must be a string");
            }
        }
        return Optional.empty();
    }

    private static Optional<String> toolsCall(JsonNode params) {
        if (params == null || !params.path("name").isTextual()) {
            return Optional.of("tools/call needs params.name, the tool's name as a string");
        }
        return optional(params, "arguments", JsonNode::isObject, "an object");
    }

    private static Optional<String> optional(
            JsonNode params, String member, java.util.function.Predicate<JsonNode> valid, String what) {
        if (params == null) {
            return Optional.empty();
        }
        JsonNode value = params.get(member);
        return value == null || value.isNull() || valid.test(value)
                ? Optional.empty()
                : Optional.of("params." + member + " must be " + what);
    }
}
