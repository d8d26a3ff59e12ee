package io.calcommcp.server.execution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.calcommcp.server.tools.ArgumentLocation;
import io.calcommcp.server.tools.Route;
import io.calcommcp.server.tools.RouteArgument;
import io.calcommcp.server.tools.ToolAccess;
import io.calcommcp.server.tools.ToolDefinition;
import io.calcommcp.server.tools.ToolHints;
import io.calcommcp.server.tools.ValueKind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Value-kind checks, top level (from the route) and nested (from the schema's format). */
class ArgumentCheckerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCHEMA = """
            {"type":"object","additionalProperties":false,"properties":{
              "start":{"type":"string"},"day":{"type":"string"},"from":{"type":"string"},
              "window":{"type":"object","properties":{"until":{"type":"string","format":"date-time"}}},
              "slots":{"type":"array","items":{"anyOf":[{"type":"object","properties":{"at":{"type":"string","format":"date-time"}}}]}}
            }}""";
    private static final CatalogTool TOOL = CatalogTool.of(
            new ToolDefinition(
                    "t",
                    "T",
                    "d",
                    "op",
                    ToolAccess.READ,
                    List.of(),
                    new ToolHints(true, false, true, true),
                    SCHEMA,
                    new Route(
                            "GET",
                            "/x",
                            Map.of(),
                            List.of(
                                    new RouteArgument(
                                            "start", ArgumentLocation.QUERY, "start", ValueKind.TIMESTAMP, false, true),
                                    new RouteArgument(
                                            "day", ArgumentLocation.QUERY, "day", ValueKind.DATE, false, true),
                                    new RouteArgument(
                                            "from",
                                            ArgumentLocation.QUERY,
                                            "from",
                                            ValueKind.DATE_OR_TIMESTAMP,
                                            false,
                                            true),
                                    new RouteArgument(
                                            "window",
                                            ArgumentLocation.BODY_PROPERTY,
                                            "window",
                                            ValueKind.PLAIN,
                                            false,
                                            false),
                                    new RouteArgument(
                                            "slots",
                                            ArgumentLocation.BODY_PROPERTY,
                                            "slots",
                                            ValueKind.PLAIN,
                                            false,
                                            false)))),
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
    void checksTimestampsNestedInObjectsAndArrays() throws Exception {
        List<String> problems =
                check("{\"window\":{\"until\":\"2026-10-15T10:00\"},\"slots\":[{\"at\":\"2026-10-15\"}]}");
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("window.until: "), problems.get(0));
        assertTrue(problems.get(1).startsWith("slots[0].at: "), problems.get(1));
    }

    @Test
    void schemaProblemsNameTheArgument() throws Exception {
        List<String> problems = check("{\"window\":{\"until\":5},\"extra\":1}");
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("window.until: ")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("extra")), problems.toString());
    }
}
