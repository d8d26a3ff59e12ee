package io.calcommcp.server.tools;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The HTTP request a tool sends.
 *
 * @param method the HTTP method, upper case
 * @param pathTemplate the path with {@code {placeholders}} for path arguments
 * @param constantHeaders headers sent on every call, such as the operation's API version
 * @param arguments where each tool argument goes
 */
public record Route(String method, String pathTemplate, Map<String, String> constantHeaders, List<RouteArgument> arguments) {

    public Route {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(pathTemplate, "pathTemplate");
        constantHeaders = Map.copyOf(constantHeaders);
        arguments = List.copyOf(arguments);
    }
}
