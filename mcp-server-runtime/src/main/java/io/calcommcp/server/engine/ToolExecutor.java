package io.calcommcp.server.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.calcommcp.server.log.StructuredLog;
import io.calcommcp.server.upstream.UpstreamClient;
import io.calcommcp.server.upstream.UpstreamRequest;
import io.calcommcp.server.upstream.UpstreamResponse;
import io.calcommcp.server.upstream.UpstreamResponseTooLargeException;
import io.calcommcp.server.upstream.UpstreamTarget;
import io.calcommcp.server.upstream.UpstreamUnavailableException;
import io.calcommcp.toolapi.ArgumentLocation;
import io.calcommcp.toolapi.CredentialScheme;
import io.calcommcp.toolapi.Route;
import io.calcommcp.toolapi.RouteArgument;
import io.calcommcp.toolapi.VendorProfile;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs one tool call from arguments to result: fix lossless type slips, check, page, build, send
 * with the caller's credentials, map, shape, log.
 *
 * <p>Every failure becomes a tool error result, never an exception, so one bad call cannot
 * disturb the transport or the next call. The class holds no per-call state and is shared by all
 * concurrent calls; who is calling arrives with each call.
 */
public final class ToolExecutor {

    private final ObjectMapper json;
    private final CredentialScheme credential;
    private final ArgumentCoercer coercer = new ArgumentCoercer();
    private final ArgumentChecker checker;
    private final RequestBuilder requests;
    private final UpstreamClient upstream;
    private final UpstreamAnswers answers;
    private final CallFailures failures;
    private final Pager pager;
    private final ResultShaper shaper;
    private final StructuredLog log;
    private final CallAdmission admission;
    private final CallObserver observer;

    /**
     * @param json converts arguments to JSON trees
     * @param profile the API behind the tools: how credentials are sent, where error messages are
     * @param checker checks arguments before anything is sent
     * @param requests builds the request each route describes
     * @param upstream sends the requests
     * @param log receives one {@code tool_call} line per call
     * @param maxResultBytes the largest result, in bytes of JSON; larger lists are cut between records
     * @param admission how many calls may run at once, and per minute per URL
     * @param observer hears every call's outcome and upstream answer, for metrics
     * @param clock the time, for rate-limit resets
     */
    public ToolExecutor(
            ObjectMapper json,
            VendorProfile profile,
            ArgumentChecker checker,
            RequestBuilder requests,
            UpstreamClient upstream,
            StructuredLog log,
            int maxResultBytes,
            CallAdmission admission,
            CallObserver observer,
            Clock clock) {
        this.json = json;
        this.credential = profile.credential();
        this.checker = checker;
        this.requests = requests;
        this.upstream = upstream;
        this.answers = new UpstreamAnswers(json, profile, clock);
        this.failures = new CallFailures(json);
        this.pager = new Pager(new Cursors());
        this.shaper = new ResultShaper(json, pager, maxResultBytes, profile.recordsPointer());
        this.log = log;
        this.admission = admission;
        this.observer = observer;
    }

    /** Executes {@code tool} with the client's arguments (which may be null) for {@code context}. */
    public ToolResult call(PreparedTool tool, Map<String, Object> arguments, CallContext context) {
        JsonNode tree = json.valueToTree(arguments == null ? Map.of() : arguments);
        return call(tool, tree, context);
    }

    /**
     * Executes {@code tool} with the client's arguments as parsed JSON (null or a JSON null for
     * none) for {@code context}.
     */
    public ToolResult call(PreparedTool tool, JsonNode arguments, CallContext context) {
        long start = System.nanoTime();
        ToolResult result;
        try {
            result = execute(
                    tool, arguments == null || arguments.isNull() ? json.createObjectNode() : arguments, context);
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
        observer.toolCall(tool.name(), done.outcome());
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

    private ToolResult execute(PreparedTool tool, JsonNode arguments, CallContext context) {
        // Lossless type fixes first ("50" for a number), so that only real mistakes are refused.
        JsonNode given = coercer.coerce(arguments, tool.inputSchema());
        List<String> problems = checker.check(tool, given);
        if (!problems.isEmpty()) {
            return failures.invalidArguments(tool, problems);
        }
        if (!(given instanceof ObjectNode sentArguments)) {
            return failures.invalidArguments(tool, List.of("the arguments must be a JSON object"));
        }
        Route route = tool.definition().route();
        ObjectNode sent = sentArguments;
        Optional<Pager.Page> page = Optional.empty();
        UpstreamRequest request;
        try {
            if (route.paging().isPresent()) {
                Pager.Paged paged =
                        pager.page(tool.name(), route, route.paging().get(), sent);
                sent = paged.arguments();
                page = Optional.of(paged.page());
            }
            request = requests.build(route, sent);
        } catch (InvalidArgumentsException e) {
            return failures.invalidArguments(tool, e.problems());
        }
        Account account = context.account();
        UpstreamTarget target = UpstreamTarget.of(account.baseUrl(), credential, account.apiKey());
        Optional<CallAdmission.Refusal> refusal = admission.admit(context);
        if (refusal.isPresent()) {
            observer.refused(
                    refusal.get().reason() == CallAdmission.Reason.BUSY ? "concurrent_calls" : "calls_per_minute");
            return failures.notAdmitted(tool, refusal.get());
        }
        long sentAt = System.nanoTime();
        try {
            UpstreamResponse response = upstream.send(request, target);
            observer.upstreamAnswer(tool.name(), response.status(), System.nanoTime() - sentAt);
            ToolResult answer = answers.map(tool.name(), account, ids(route, sent), response, shaper.watch(page));
            return shaper.shape(tool.name(), answer, page);
        } catch (UpstreamUnavailableException e) {
            observer.upstreamUnavailable(tool.name(), System.nanoTime() - sentAt);
            return failures.unavailable(tool, e);
        } catch (UpstreamResponseTooLargeException e) {
            observer.upstreamAnswer(tool.name(), e.status(), System.nanoTime() - sentAt);
            return failures.tooLarge(tool, e);
        } finally {
            admission.release();
        }
    }

    /** The call's path arguments by name, as sent: the ids a 404 is about. */
    private static Map<String, String> ids(Route route, JsonNode arguments) {
        Map<String, String> ids = new LinkedHashMap<>();
        for (RouteArgument argument : route.arguments()) {
            JsonNode value = arguments.get(argument.name());
            if (argument.location() == ArgumentLocation.PATH && value != null && value.isValueNode()) {
                ids.put(argument.name(), value.asText());
            }
        }
        return ids;
    }
}
