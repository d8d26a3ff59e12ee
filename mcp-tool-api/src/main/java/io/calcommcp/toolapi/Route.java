package io.calcommcp.toolapi;

import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The HTTP request a tool sends, built with named factories:
 *
 * <pre>{@code
 * Route.get("/v2/bookings/{bookingUid}")
 *         .header("cal-api-version", "2024-08-13")
 *         .arguments(path("bookingUid"))
 * }</pre>
 *
 * @param method the HTTP method, upper case
 * @param pathTemplate the path, with a {@code {placeholder}} per path argument
 * @param constantHeaders headers sent on every call with a fixed value (never credentials, which
 *     the server adds), sorted by name
 * @param arguments where each tool argument goes, in input-schema order
 */
public record Route(
        String method, String pathTemplate, SortedMap<String, String> constantHeaders, List<RouteArgument> arguments) {

    public Route {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(pathTemplate, "pathTemplate");
        constantHeaders = Collections.unmodifiableSortedMap(new TreeMap<>(constantHeaders));
        arguments = List.copyOf(arguments);
    }

    /** A request with this method and path, no constant headers and no arguments yet. */
    public static Route of(String method, String pathTemplate) {
        return new Route(method, pathTemplate, new TreeMap<>(), List.of());
    }

    public static Route get(String pathTemplate) {
        return of("GET", pathTemplate);
    }

    public static Route post(String pathTemplate) {
        return of("POST", pathTemplate);
    }

    public static Route put(String pathTemplate) {
        return of("PUT", pathTemplate);
    }

    public static Route patch(String pathTemplate) {
        return of("PATCH", pathTemplate);
    }

    public static Route delete(String pathTemplate) {
        return of("DELETE", pathTemplate);
    }

    /** This route, also sending {@code name: value} on every call. */
    public Route header(String name, String value) {
        SortedMap<String, String> headers = new TreeMap<>(constantHeaders);
        headers.put(name, value);
        return new Route(method, pathTemplate, headers, arguments);
    }

    /** This route with exactly these arguments. */
    public Route arguments(RouteArgument... routeArguments) {
        return new Route(method, pathTemplate, constantHeaders, List.of(routeArguments));
    }

    /** The argument called {@code name}, if the route has one. */
    public Optional<RouteArgument> argument(String name) {
        return arguments.stream().filter(a -> a.name().equals(name)).findFirst();
    }
}
