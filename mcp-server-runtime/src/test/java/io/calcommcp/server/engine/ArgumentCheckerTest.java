package io.calcommcp.server.engine;

import static io.calcommcp.toolapi.RouteArgument.body;
import static io.calcommcp.toolapi.RouteArgument.query;
import static io.calcommcp.toolapi.ValueKind.DATE;
import static io.calcommcp.toolapi.ValueKind.DATE_OR_TIMESTAMP;
import static io.calcommcp.toolapi.ValueKind.TIMESTAMP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.calcommcp.toolapi.Access;
import io.calcommcp.toolapi.Route;
import io.calcommcp.toolapi.ToolDefinition;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Value-kind checks, at the top level and nested, all from what the route carries. */
class ArgumentCheckerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    // No format in the schema: the route alone says which strings are timestamps.
    private static final String SCHEMA = """
            {"type":"object","additionalProperties":false,"properties":{
              "start":{"type":"string"},"day":{"type":"string"},"from":{"type":"string"},
              "window":{"type":"object","properties":{"until":{"type":"string"},"on":{"type":"string"}}},
              "slots":{"type":"array","items":{"anyOf":[{"type":"object","properties":{"at":{"type":"string"}}}]}}
            }}""";
    private static final PreparedTool TOOL = PreparedTool.of(
            ToolDefinition.builder("t")
                    .title("T")
                    .description("d")
                    .operation("op")
                    .verb("get")
                    .access(Access.READ)
                    .inputSchema(SCHEMA)
                    .route(Route.get("/x")
                            .arguments(
                                    query("start", TIMESTAMP),
                                    query("day", DATE),
                                    query("from", DATE_OR_TIMESTAMP),
                                    body("window").nested("/until", TIMESTAMP).nested("/on", DATE),
                                    body("slots").nested("/*/at", TIMESTAMP)))
                    .build(),
            JSON);

    private List<String> check(String json) throws Exception {
        return new ArgumentChecker().check(TOOL, JSON.readTree(json));
    }

    @Test
    void acceptsOffsetsZuluDatesAndEitherWhereBothAreAllowed() throws Exception {
        assertEquals(
                List.of(),
                check("{\"start\":\"2026-10-15T14:00:00-05:00\",\"day\":\"2026-10-15\",\"from\":\"2026-10-15\"}"));
        assertEquals(List.of(), check("{\"start\":\"2026-10-15T19:00:00.000Z\",\"from\":\"2026-10-15T19:00Z\"}"));
    }

    @Test
    void refusesLocalTimesDatesAndGarbageWithTheExpectedForm() throws Exception {
        List<String> problems =
                check("{\"start\":\"2026-10-15T14:00:00\",\"day\":\"15/10/2026\",\"from\":\"tomorrow\"}");
        assertEquals(3, problems.size(), problems.toString());
        assertTrue(
                problems.get(0).contains("has no UTC offset") && problems.get(0).contains("2026-10-15T14:00:00-05:00"));
        assertTrue(problems.get(1).startsWith("day: \"15/10/2026\" is not a date"), problems.get(1));
        assertTrue(problems.get(2).startsWith("from: \"tomorrow\" is not an ISO 8601 timestamp"), problems.get(2));
    }

    @Test
    void checksTimestampsAndDatesNestedInObjectsAndArrays() throws Exception {
        List<String> problems = check("{\"window\":{\"until\":\"2026-10-15T10:00\",\"on\":\"15.10.\"},"
                + "\"slots\":[{\"at\":\"2026-10-15T10:00:00Z\"},{\"at\":\"2026-10-15\"}]}");
        assertEquals(3, problems.size(), problems.toString());
        // An argument's nested values are checked in pointer order.
        assertTrue(problems.get(0).startsWith("window.on: \"15.10.\" is not a date"), problems.get(0));
        assertTrue(problems.get(1).startsWith("window.until: "), problems.get(1));
        assertTrue(problems.get(2).startsWith("slots[1].at: "), problems.get(2));
    }

    @Test
    void nestedValuesThatAreMissingOrOfAnotherTypeAreLeftToTheSchema() throws Exception {
        assertEquals(List.of(), check("{\"window\":{},\"slots\":[]}"));
        assertEquals(List.of(), check("{\"slots\":[{\"other\":1}]}"));
    }

    @Test
    void schemaProblemsNameTheArgument() throws Exception {
        List<String> problems = check("{\"window\":{\"until\":5},\"extra\":1}");
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("window.until: ")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("extra")), problems.toString());
    }
}
