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
 * @param arguments where each tool argument goes, in input-schema order; a paging route also has
 *     its paging parameters here, which the server fills in (the model never sees them)
 * @param paging how the operation pages, if it does
 * @param sendsForm whether the body properties go as a form ({@code application/x-www-form-urlencoded})
 *     rather than as a JSON object
 */
public record Route(
        String method,
        String pathTemplate,
        SortedMap<String, String> constantHeaders,
        List<RouteArgument> arguments,
        Optional<Paging> paging,
        boolean sendsForm) {

    public Route {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(pathTemplate, "pathTemplate");
        constantHeaders = Collections.unmodifiableSortedMap(new TreeMap<>(constantHeaders));
        arguments = List.copyOf(arguments);
        for (RouteArgument argument : arguments) {
            if (argument.location() == ArgumentLocation.PAGING) {
                throw new IllegalArgumentException("argument " + argument.name()
                        + ": a route sends the API's paging parameters as query arguments, not paging ones");
            }
        }
        Objects.requireNonNull(paging, "paging");
    }

    /** A route whose body, if any, is JSON. */
    public Route(
            String method,
            String pathTemplate,
            SortedMap<String, String> constantHeaders,
            List<RouteArgument> arguments,
            Optional<Paging> paging) {
        this(method, pathTemplate, constantHeaders, arguments, paging, false);
    }

    /** A request with this method and path, no constant headers and no arguments yet. */
    public static Route of(String method, String pathTemplate) {
        return new Route(method, pathTemplate, new TreeMap<>(), List.of(), Optional.empty());
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
        return new Route(method, pathTemplate, headers, arguments, paging, sendsForm);
    }

    /** This route with exactly these arguments. */
    public Route arguments(RouteArgument... routeArguments) {
        return new Route(method, pathTemplate, constantHeaders, List.of(routeArguments), paging, sendsForm);
    }

    /**
     * This route, paging as {@code how} says.
     *
     * @throws IllegalArgumentException unless both paging parameters are query arguments of the route
     */
    public Route paging(Paging how) {
        for (String parameter : List.of(how.limitParameter(), how.offsetParameter())) {
            boolean routed = arguments.stream()
                    .anyMatch(a -> a.location() == ArgumentLocation.QUERY
                            && a.wireName().equals(parameter));
            if (!routed) {
                throw new IllegalArgumentException("paging parameter '" + parameter + "' is not a query argument of "
                        + method + " " + pathTemplate);
            }
        }
        return new Route(method, pathTemplate, constantHeaders, arguments, Optional.of(how), sendsForm);
    }

    /**
     * This route, sending its body properties as a form ({@code application/x-www-form-urlencoded})
     * instead of a JSON object.
     */
    public Route asForm() {
        return new Route(method, pathTemplate, constantHeaders, arguments, paging, true);
    }

    /** The argument called {@code name}, if the route has one. */
    public Optional<RouteArgument> argument(String name) {
        return arguments.stream().filter(a -> a.name().equals(name)).findFirst();
    }
}
