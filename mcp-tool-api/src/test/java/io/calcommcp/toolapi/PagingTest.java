package io.calcommcp.toolapi;

import static io.calcommcp.toolapi.RouteArgument.query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class PagingTest {

    @Test
    void theFactoriesReadAsTheGeneratedCodeWritesThem() {
        Paging paging = Paging.offset("take", "skip")
                .records("/data")
                .hasMore("/pagination/hasNextPage")
                .limits(100, 250);
        assertEquals(new Paging("take", "skip", "/data", Optional.of("/pagination/hasNextPage"), 100, 250), paging);
        assertEquals("", Paging.offset("take", "skip").recordsPointer(), "by default the answer is the list");
    }

    @Test
    void badPointersAndLimitsAreRefused() {
        assertThrows(
                IllegalArgumentException.class,
                () -> Paging.offset("take", "skip").records("data"));
        assertThrows(
                IllegalArgumentException.class,
                () -> Paging.offset("take", "skip").hasMore("more"));
        assertThrows(
                IllegalArgumentException.class,
                () -> Paging.offset("take", "skip").limits(0, 10));
        assertThrows(
                IllegalArgumentException.class,
                () -> Paging.offset("take", "skip").limits(20, 10));
    }

    @Test
    void aRoutePagesOnlyThroughItsOwnQueryArguments() {
        Route route = Route.get("/v2/things").arguments(query("take"), query("skip"));
        assertTrue(route.paging(Paging.offset("take", "skip")).paging().isPresent());
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> Route.get("/v2/things").arguments(query("take")).paging(Paging.offset("take", "skip")));
        assertEquals("paging parameter 'skip' is not a query argument of GET /v2/things", e.getMessage());
    }
}
