package io.calcommcp.server.execution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.calcommcp.server.StructuredLog;
import io.calcommcp.server.upstream.UpstreamClient;
import io.calcommcp.server.upstream.UpstreamRequest;
import io.calcommcp.server.upstream.UpstreamUnavailableException;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.List;
import java.util.Map;

/**
 * Runs one tool call from arguments to result: check, build, send, map, log.
 *
 * <p>Every failure becomes a tool error result, never an exception, so one bad call cannot
 * disturb the transport or the next call. The class holds no per-call state and is shared by all
 * concurrent calls.
 */
public final class ToolExecutor {

    private final ObjectMapper json;
    private final ArgumentChecker checker;
    private final RequestBuilder requests;
    private final UpstreamClient upstream;
    private final ToolResults results;
    private final StructuredLog log;

    /**
     * @param json converts arguments to JSON trees
     * @param upstream sends the requests
     * @param log receives one {@code tool_call} line per call
     */
    public ToolExecutor(ObjectMapper json, UpstreamClient upstream, StructuredLog log) {
        this.json = json;
        this.checker = new ArgumentChecker();
        this.requests = new RequestBuilder(json);
        this.upstream = upstream;
        this.results = new ToolResults(json);
        this.log = log;
    }

    /** Executes {@code tool} with the client's arguments (which may be null). */
    public CallToolResult call(CatalogTool tool, Map<String, Object> arguments) {
        long start = System.nanoTime();
        ToolResults.Result result;
        try {
            result = execute(tool, arguments == null ? Map.of() : arguments);
        } catch (RuntimeException e) {
            // Only the exception's class is logged: messages of library exceptions may quote request data.
            log.error(
                    "tool_failed",
                    line -> line.put("tool", tool.name())
                            .put("exception", e.getClass().getName()));
            result = results.internalError(tool.name());
        }
        ToolResults.Result done = result;
        double millis = (System.nanoTime() - start) / 1_000_000.0;
        log.info("tool_call", line -> {
            line.put("tool", tool.name()).put("status", done.outcome().label());
            if (done.upstreamStatus() == null) {
                line.putNull("upstream_status");
            } else {
                line.put("upstream_status", done.upstreamStatus());
            }
            line.put("duration_ms", Math.round(millis * 10) / 10.0);
        });
        return done.result();
    }

    private ToolResults.Result execute(CatalogTool tool, Map<String, Object> arguments) {
        JsonNode args = json.valueToTree(arguments);
        List<String> problems = checker.check(tool, args);
        if (!problems.isEmpty()) {
            return results.invalidArguments(tool, problems);
        }
        UpstreamRequest request;
        try {
            request = requests.build(tool.definition().route(), args);
        } catch (InvalidArgumentsException e) {
            return results.invalidArguments(tool, e.problems());
        }
        try {
            return results.fromResponse(tool.name(), upstream.send(request));
        } catch (UpstreamUnavailableException e) {
            return results.unavailable(e.getMessage());
        }
    }
}
