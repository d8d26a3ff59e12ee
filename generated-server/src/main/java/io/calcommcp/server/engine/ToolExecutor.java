package io.calcommcp.server.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.calcommcp.server.log.StructuredLog;
import io.calcommcp.server.upstream.UpstreamClient;
import io.calcommcp.server.upstream.UpstreamRequest;
import io.calcommcp.server.upstream.UpstreamTarget;
import io.calcommcp.server.upstream.UpstreamUnavailableException;
import io.calcommcp.toolapi.CredentialScheme;
import io.calcommcp.toolapi.VendorProfile;
import java.util.List;
import java.util.Map;

/**
 * Runs one tool call from arguments to result: check, build, send with the caller's credentials,
 * map, log.
 *
 * <p>Every failure becomes a tool error result, never an exception, so one bad call cannot
 * disturb the transport or the next call. The class holds no per-call state and is shared by all
 * concurrent calls; who is calling arrives with each call.
 */
public final class ToolExecutor {

    private final ObjectMapper json;
    private final CredentialScheme credential;
    private final ArgumentChecker checker;
    private final RequestBuilder requests;
    private final UpstreamClient upstream;
    private final UpstreamAnswers answers;
    private final CallFailures failures;
    private final StructuredLog log;

    /**
     * @param json converts arguments to JSON trees
     * @param profile the API behind the tools: how credentials are sent, where error messages are
     * @param checker checks arguments before anything is sent
     * @param requests builds the request each route describes
     * @param upstream sends the requests
     * @param log receives one {@code tool_call} line per call
     */
    public ToolExecutor(
            ObjectMapper json,
            VendorProfile profile,
            ArgumentChecker checker,
            RequestBuilder requests,
            UpstreamClient upstream,
            StructuredLog log) {
        this.json = json;
        this.credential = profile.credential();
        this.checker = checker;
        this.requests = requests;
        this.upstream = upstream;
        this.answers = new UpstreamAnswers(json, profile);
        this.failures = new CallFailures(json);
        this.log = log;
    }

    /** Executes {@code tool} with the client's arguments (which may be null) for {@code context}. */
    public ToolResult call(PreparedTool tool, Map<String, Object> arguments, CallContext context) {
        long start = System.nanoTime();
        ToolResult result;
        try {
            result = execute(tool, arguments == null ? Map.of() : arguments, context);
        } catch (RuntimeException e) {
            // Only the exception's class is logged: messages of library exceptions may quote request data.
            log.error(
                    "tool_failed",
                    line -> line.put("tool", tool.name())
                            .put("request_id", context.requestId())
                            .put("exception", e.getClass().getName()));
            result = failures.internalError(tool.name());
        }
        ToolResult done = result;
        double millis = (System.nanoTime() - start) / 1_000_000.0;
        log.info("tool_call", line -> {
            line.put("tool", tool.name())
                    .put("status", done.outcome().label())
                    .put("account", context.account().id())
                    .put("request_id", context.requestId());
            context.mcpServerId().ifPresent(id -> line.put("mcp_server", id));
            if (done.upstreamStatus() == null) {
                line.putNull("upstream_status");
            } else {
                line.put("upstream_status", done.upstreamStatus());
            }
            line.put("duration_ms", Math.round(millis * 10) / 10.0);
        });
        return done;
    }

    private ToolResult execute(PreparedTool tool, Map<String, Object> arguments, CallContext context) {
        JsonNode args = json.valueToTree(arguments);
        List<String> problems = checker.check(tool, args);
        if (!problems.isEmpty()) {
            return failures.invalidArguments(tool, problems);
        }
        UpstreamRequest request;
        try {
            request = requests.build(tool.definition().route(), args);
        } catch (InvalidArgumentsException e) {
            return failures.invalidArguments(tool, e.problems());
        }
        Account account = context.account();
        UpstreamTarget target = UpstreamTarget.of(account.baseUrl(), credential, account.apiKey());
        try {
            return answers.map(tool.name(), account, upstream.send(request, target));
        } catch (UpstreamUnavailableException e) {
            return failures.unavailable(e.getMessage());
        }
    }
}
