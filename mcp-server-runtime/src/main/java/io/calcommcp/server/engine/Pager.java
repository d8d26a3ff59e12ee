package io.calcommcp.server.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.calcommcp.toolapi.ArgumentLocation;
import io.calcommcp.toolapi.Paging;
import io.calcommcp.toolapi.Route;
import io.calcommcp.toolapi.RouteArgument;
import java.util.Optional;

/**
 * Turns the model's paging arguments into the API's: {@code limit} becomes the page-size
 * parameter, {@code next_cursor} the offset it stands for. Every paging tool pages the same way
 * for the model, whatever the API calls its parameters.
 */
final class Pager {

    private final Cursors cursors;

    Pager(Cursors cursors) {
        this.cursors = cursors;
    }

    /**
     * The page one call asks for.
     *
     * @param paging how the tool pages
     * @param limit how many records
     * @param offset how many records come before the page
     * @param listArguments the arguments that decide which list is paged, for the next cursor
     */
    record Page(Paging paging, int limit, long offset, JsonNode listArguments) {}

    /** The arguments to send, and the page they ask for. */
    record Paged(ObjectNode arguments, Page page) {}

    /**
     * @param arguments the model's arguments, already checked against the input schema
     * @throws InvalidArgumentsException if the cursor is not one for this tool and these arguments
     */
    Paged page(String tool, Route route, Paging paging, ObjectNode arguments) throws InvalidArgumentsException {
        JsonNode limitValue = arguments.get(Paging.LIMIT);
        int limit = limitValue != null && limitValue.canConvertToInt() ? limitValue.intValue() : paging.defaultLimit();
        JsonNode cursor = arguments.get(Paging.CURSOR);
        long offset = cursor == null || cursor.isNull()
                ? 0
                : cursors.read(tool, arguments, cursor.asText()).offset();
        ObjectNode sent = arguments.deepCopy();
        sent.remove(Paging.LIMIT);
        sent.remove(Paging.CURSOR);
        sent.put(argumentFor(route, paging.limitParameter()), limit);
        sent.put(argumentFor(route, paging.offsetParameter()), offset);
        return new Paged(sent, new Page(paging, limit, offset, arguments));
    }

    /** The cursor of the page after {@code returned} records of {@code page}. */
    String next(String tool, Page page, int returned) {
        return cursors.make(tool, page.listArguments(), page.offset() + returned);
    }

    /** The route argument the API's paging parameter {@code wireName} is sent as. */
    private static String argumentFor(Route route, String wireName) {
        Optional<RouteArgument> argument = route.arguments().stream()
                .filter(a ->
                        a.location() == ArgumentLocation.QUERY && a.wireName().equals(wireName))
                .findFirst();
        // Route.paging checked this when the generated class was loaded.
        return argument.orElseThrow(() -> new IllegalStateException("no query argument " + wireName))
                .name();
    }
}
