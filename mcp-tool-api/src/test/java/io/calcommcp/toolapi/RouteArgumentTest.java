package io.calcommcp.toolapi;

import static io.calcommcp.toolapi.Requirement.REQUIRED;
import static io.calcommcp.toolapi.RouteArgument.body;
import static io.calcommcp.toolapi.RouteArgument.path;
import static io.calcommcp.toolapi.RouteArgument.query;
import static io.calcommcp.toolapi.RouteArgument.wholeBody;
import static io.calcommcp.toolapi.ValueKind.TIMESTAMP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The named factories say the same as the record they build, with only what differs spelled out. */
class RouteArgumentTest {

    @Test
    void factoriesSetLocationKindAndRequirement() {
        RouteArgument start = body("start", TIMESTAMP, REQUIRED);
        assertEquals(ArgumentLocation.BODY_PROPERTY, start.location());
        assertEquals("start", start.wireName());
        assertEquals(TIMESTAMP, start.kind());
        assertTrue(start.required());
        assertTrue(start.explode());
        assertEquals(Map.of(), start.nestedKinds());

        RouteArgument take = query("take");
        assertEquals(ArgumentLocation.QUERY, take.location());
        assertEquals(ValueKind.PLAIN, take.kind());
        assertFalse(take.required());
    }

    @Test
    void pathArgumentsAreAlwaysRequired() {
        assertTrue(path("bookingUid").required());
        assertTrue(path("day", ValueKind.DATE).required());
    }

    @Test
    void modifiersChangeOnlyWhatTheyName() {
        RouteArgument renamed = body("body_id").wireName("id");
        assertEquals("body_id", renamed.name());
        assertEquals("id", renamed.wireName());
        assertFalse(query("status").commaJoined().explode());
        RouteArgument nested = body("booking").nested("/start", TIMESTAMP).nested("/*/end", TIMESTAMP);
        assertEquals(
                List.of("/*/end", "/start"), List.copyOf(nested.nestedKinds().keySet()), "sorted by pointer");
        assertEquals(ArgumentLocation.WHOLE_BODY, wholeBody("body", REQUIRED).location());
    }

    @Test
    void nestedPointersMustBePointers() {
        assertThrows(IllegalArgumentException.class, () -> body("a").nested("start", TIMESTAMP));
    }

    @Test
    void routesCollectHeadersSortedAndArgumentsInOrder() {
        Route route = Route.get("/v2/x/{id}")
                .header("b-version", "2")
                .header("a-version", "1")
                .arguments(path("id"), query("q"));
        assertEquals("GET", route.method());
        assertEquals(
                List.of("a-version", "b-version"),
                List.copyOf(route.constantHeaders().keySet()));
        assertEquals(
                List.of("id", "q"),
                route.arguments().stream().map(RouteArgument::name).toList());
        assertEquals("q", route.argument("q").orElseThrow().name());
        assertEquals("HEAD", Route.of("HEAD", "/x").method());
    }
}
