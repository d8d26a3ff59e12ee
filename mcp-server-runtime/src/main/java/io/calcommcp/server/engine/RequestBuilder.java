package io.calcommcp.server.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.calcommcp.server.upstream.UpstreamRequest;
import io.calcommcp.toolapi.ArgumentLocation;
import io.calcommcp.toolapi.Route;
import io.calcommcp.toolapi.RouteArgument;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns flat tool arguments into the HTTP request a {@link Route} describes.
 *
 * <p>Path arguments become exactly one percent-encoded segment each: a value that is empty, is
 * made only of dots, or contains {@code /}, {@code \} or {@code ..} is refused rather than
 * encoded, because an id never legitimately looks like that and a caller who sends one is
 * confused or probing. Query arrays are repeated or comma-joined as the route says. Body
 * properties are collected into one JSON object.
 */
public final class RequestBuilder {

    private final ObjectMapper json;

    /** @param json serialises the request body */
    public RequestBuilder(ObjectMapper json) {
        this.json = json;
    }

    /**
     * Builds the request.
     *
     * @param route where each argument goes
     * @param arguments the tool arguments, already checked against the input schema
     * @throws InvalidArgumentsException if a value cannot be placed where the route needs it
     */
    public UpstreamRequest build(Route route, JsonNode arguments) throws InvalidArgumentsException {
        List<String> problems = new ArrayList<>();
        String path = route.pathTemplate();
        StringBuilder query = new StringBuilder();
        Map<String, String> headers = new LinkedHashMap<>(route.constantHeaders());
        ObjectNode bodyObject = null;
        JsonNode wholeBody = null;

        for (RouteArgument argument : route.arguments()) {
            JsonNode value = arguments.get(argument.name());
            boolean absent = value == null || value.isNull();
            if (argument.location() == ArgumentLocation.BODY_PROPERTY && bodyObject == null) {
                // A route with body properties always sends an object, even if all are optional.
                bodyObject = json.createObjectNode();
            }
            if (absent) {
                if (argument.required()) {
                    problems.add(argument.name() + ": this argument is required.");
                }
                continue;
            }
            switch (argument.location()) {
                case PATH -> {
                    Optional<String> segment = pathSegment(argument.name(), value, problems);
                    if (segment.isPresent()) {
                        path = path.replace("{" + argument.wireName() + "}", segment.get());
                    }
                }
                case QUERY -> appendQuery(query, argument, value);
                case HEADER -> {
                    String text = scalarText(value);
                    if (text.indexOf('\r') >= 0 || text.indexOf('\n') >= 0) {
                        problems.add(argument.name() + ": must be a single line of text.");
                    } else {
                        headers.put(argument.wireName(), text);
                    }
                }
                case BODY_PROPERTY -> bodyObject.set(argument.wireName(), value);
                case WHOLE_BODY -> wholeBody = value;
            }
        }
        if (problems.isEmpty() && path.indexOf('{') >= 0) {
            problems.add("The request path " + route.pathTemplate()
                    + " still has an unfilled placeholder; give every id it needs.");
        }
        if (!problems.isEmpty()) {
            throw new InvalidArgumentsException(problems);
        }
        JsonNode body = wholeBody != null ? wholeBody : bodyObject;
        String pathAndQuery = query.length() == 0 ? path : path + "?" + query;
        if (route.sendsForm() && body instanceof ObjectNode fields) {
            return new UpstreamRequest(
                    route.method(), pathAndQuery, headers, Optional.of(form(fields)), UpstreamRequest.FORM);
        }
        return new UpstreamRequest(
                route.method(), pathAndQuery, headers, Optional.ofNullable(body).map(this::write));
    }

    /**
     * The fields as a form: {@code name=value&...}, percent-encoded; a list repeats its name, and
     * an object (which a form cannot nest) goes as its JSON text.
     */
    private String form(ObjectNode fields) {
        StringBuilder out = new StringBuilder();
        fields.properties().forEach(field -> {
            List<JsonNode> values = new ArrayList<>();
            if (field.getValue().isArray()) {
                field.getValue().forEach(values::add);
            } else {
                values.add(field.getValue());
            }
            for (JsonNode value : values) {
                if (value.isNull()) {
                    continue;
                }
                if (out.length() > 0) {
                    out.append('&');
                }
                String text = value.isContainerNode() ? write(value) : scalarText(value);
                out.append(URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8))
                        .append('=')
                        .append(URLEncoder.encode(text, StandardCharsets.UTF_8));
            }
        });
        return out.toString();
    }

    private static Optional<String> pathSegment(String name, JsonNode value, List<String> problems) {
        if (value.isContainerNode()) {
            problems.add(name + ": must be a single id, not a list or object.");
            return Optional.empty();
        }
        String text = scalarText(value);
        if (!isSafeSegment(text)) {
            problems.add(name + ": \"" + text + "\" is not a valid id: an id is one non-empty path segment that"
                    + " cannot contain \"/\", \"\\\" or \"..\" and is not made only of dots. Use the id exactly"
                    + " as a list or get tool returned it.");
            return Optional.empty();
        }
        return Optional.of(percentEncode(text));
    }

    /**
     * Whether {@code text} stays exactly one path segment after percent-encoding. Dots are
     * unreserved, so they are sent as they are, and a segment that is only dots is a dot segment
     * that clients, proxies and servers may resolve ({@code /teams/./memberships} becomes
     * {@code /teams/memberships}); an empty segment may likewise be merged away.
     */
    static boolean isSafeSegment(String text) {
        return !text.isEmpty()
                && !text.chars().allMatch(c -> c == '.')
                && !text.contains("/")
                && !text.contains("\\")
                && !text.contains("..");
    }

    private static void appendQuery(StringBuilder query, RouteArgument argument, JsonNode value) {
        // Encoded values; the comma that joins a non-exploded array is a delimiter and stays literal.
        List<String> encoded = new ArrayList<>();
        if (value.isArray()) {
            value.forEach(item -> encoded.add(percentEncode(scalarText(item))));
            if (!argument.explode() && !encoded.isEmpty()) {
                String joined = String.join(",", encoded);
                encoded.clear();
                encoded.add(joined);
            }
        } else {
            encoded.add(percentEncode(scalarText(value)));
        }
        for (String v : encoded) {
            if (query.length() > 0) {
                query.append('&');
            }
            query.append(percentEncode(argument.wireName())).append('=').append(v);
        }
    }

    // Numbers are written without a trailing ".0" (JSON has one number type; ids are integers).
    private static String scalarText(JsonNode value) {
        if (value.isNumber()) {
            return value.isIntegralNumber()
                    ? value.bigIntegerValue().toString()
                    : value.decimalValue().stripTrailingZeros().toPlainString();
        }
        if (value.isContainerNode()) {
            return value.toString();
        }
        return value.asText();
    }

    /** Percent-encodes everything except RFC 3986 unreserved characters. */
    static String percentEncode(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '-'
                    || c == '.'
                    || c == '_'
                    || c == '~') {
                out.append((char) c);
            } else {
                out.append('%')
                        .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    private String write(JsonNode body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A JSON tree could not be written", e);
        }
    }
}
