package io.calcommcp.server.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.calcommcp.server.upstream.UpstreamRequest;
import io.calcommcp.toolapi.ArgumentLocation;
import io.calcommcp.toolapi.Route;
import io.calcommcp.toolapi.RouteArgument;
import io.calcommcp.toolapi.ValueKind;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** How routes turn flat arguments into requests: encoding, arrays, headers, bodies. */
class RequestBuilderTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final RequestBuilder builder = new RequestBuilder(JSON);

    private static RouteArgument arg(String name, ArgumentLocation location, boolean explode) {
        return new RouteArgument(name, location, name, ValueKind.PLAIN, false, explode, new TreeMap<>());
    }

    private UpstreamRequest build(Route route, String argumentsJson) throws Exception {
        return builder.build(route, JSON.readTree(argumentsJson));
    }

    @Test
    void pathSegmentsArePercentEncodedAndNumbersHaveNoFraction() throws Exception {
        Route route = new Route(
                "GET",
                "/v1/teams/{teamId}/members/{memberId}",
                new TreeMap<>(),
                List.of(arg("teamId", ArgumentLocation.PATH, false), arg("memberId", ArgumentLocation.PATH, false)),
                Optional.empty());
        UpstreamRequest request = build(route, "{\"teamId\": 12.0, \"memberId\": \"a b?c#d%\"}");
        assertEquals("/v1/teams/12/members/a%20b%3Fc%23d%25", request.pathAndQuery());
    }

    @Test
    void pathSegmentsThatCouldChangeThePathAreRefused() {
        Route route = new Route(
                "GET",
                "/v1/bookings/{uid}",
                new TreeMap<>(),
                List.of(arg("uid", ArgumentLocation.PATH, false)),
                Optional.empty());
        // "." and "..." are dot segments too: a proxy or server resolves /bookings/. to /bookings/.
        for (String bad : List.of("../me", "a/b", "..", ".", "...", "a\\b", "")) {
            InvalidArgumentsException e = assertThrows(
                    InvalidArgumentsException.class,
                    () -> build(route, JSON.writeValueAsString(Map.of("uid", bad))),
                    bad);
            assertEquals(1, e.problems().size(), e.getMessage());
            assertTrue(e.problems().get(0).startsWith("uid: \"" + bad + "\" is not a valid id"), e.getMessage());
        }
    }

    @Test
    void idsWithDotsThatAreNotDotSegmentsAreSent() throws Exception {
        Route route = new Route(
                "GET",
                "/v1/bookings/{uid}",
                new TreeMap<>(),
                List.of(arg("uid", ArgumentLocation.PATH, false)),
                Optional.empty());
        for (String ok : List.of(".a", "a.", "v1.2", "a.b.c")) {
            assertEquals(
                    "/v1/bookings/" + ok,
                    build(route, JSON.writeValueAsString(Map.of("uid", ok))).pathAndQuery());
        }
    }

    @Test
    void queryArraysRepeatWhenExplodedAndJoinWithLiteralCommasOtherwise() throws Exception {
        Route route = new Route(
                "GET",
                "/v2/x",
                new TreeMap<>(),
                List.of(
                        arg("status", ArgumentLocation.QUERY, true), arg("ids", ArgumentLocation.QUERY, false),
                        arg("q", ArgumentLocation.QUERY, true), arg("flag", ArgumentLocation.QUERY, true)),
                Optional.empty());
        UpstreamRequest request = build(
                route, "{\"status\":[\"upcoming\",\"past\"],\"ids\":[100,\"a,b\"],\"q\":\"a&b=c+d\",\"flag\":false}");
        assertEquals(
                "/v2/x?status=upcoming&status=past&ids=100,a%2Cb&q=a%26b%3Dc%2Bd&flag=false", request.pathAndQuery());
        assertEquals(Optional.empty(), request.body());
    }

    @Test
    void constantAndArgumentHeadersAreSet_multiLineHeaderValuesRefused() throws Exception {
        Route route = new Route(
                "GET",
                "/v2/x",
                new TreeMap<>(Map.of("tempo-api-version", "2024-08-13")),
                List.of(RouteArgument.header("timeZone").wireName("x-tempo-timezone")),
                Optional.empty());
        assertEquals(
                Map.of("tempo-api-version", "2024-08-13", "x-tempo-timezone", "Europe/Paris"),
                build(route, "{\"timeZone\":\"Europe/Paris\"}").headers());
        assertThrows(InvalidArgumentsException.class, () -> build(route, "{\"timeZone\":\"a\\r\\nAuthorization: x\"}"));
    }

    @Test
    void bodyPropertiesUseWireNames_andAnOptionalOnlyBodyIsStillAnObject() throws Exception {
        Route route = new Route(
                "PATCH",
                "/v2/x/{id}",
                new TreeMap<>(),
                List.of(
                        RouteArgument.path("id"),
                        RouteArgument.body("bodyId").wireName("id"),
                        arg("name", ArgumentLocation.BODY_PROPERTY, false)),
                Optional.empty());
        assertEquals(
                Optional.of("{\"id\":7,\"name\":\"n\"}"),
                build(route, "{\"id\":1,\"bodyId\":7,\"name\":\"n\"}").body());
        assertEquals(Optional.of("{}"), build(route, "{\"id\":1}").body());
    }

    @Test
    void aWholeBodyIsSentAsGiven() throws Exception {
        Route route = new Route(
                "PUT",
                "/v2/x",
                new TreeMap<>(),
                List.of(arg("items", ArgumentLocation.WHOLE_BODY, false)),
                Optional.empty());
        assertEquals(Optional.of("[1,2]"), build(route, "{\"items\":[1,2]}").body());
    }

    @Test
    void requiredArgumentsMustBePresent() {
        Route route =
                new Route("GET", "/v2/x/{id}", new TreeMap<>(), List.of(RouteArgument.path("id")), Optional.empty());
        InvalidArgumentsException e = assertThrows(InvalidArgumentsException.class, () -> build(route, "{}"));
        assertEquals(List.of("id: this argument is required."), e.problems());
    }
}
