package io.calcommcp.server.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.calcommcp.server.config.RequestLimits;
import io.calcommcp.server.engine.CallContext;
import io.calcommcp.server.engine.CallObserver;
import io.calcommcp.server.engine.ToolResult;
import io.calcommcp.server.log.StructuredLog;
import io.calcommcp.server.mcp.McpToolSurface;
import io.calcommcp.server.mcp.ToolCallAnswer;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpStatelessServerHandler;
import io.modelcontextprotocol.server.transport.HeaderAccessor;
import io.modelcontextprotocol.server.transport.ServerHttpHeaderValidator;
import io.modelcontextprotocol.server.transport.ServerTransportSecurityException;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpStatelessServerTransport;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Mono;

/**
 * Stateless Streamable HTTP for MCP, at {@code /mcp} and {@code /mcp/<token>}: the transport the
 * SDK's server runs on. Every POST carries one complete JSON-RPC message and gets its complete
 * answer; there are no sessions, and GET (the server-to-client stream) answers 405.
 *
 * <p>Before the SDK sees a request, this class checks what HTTP can check (the Host and Origin
 * headers, the content type and the size of the body, that the body is one JSON-RPC message) and
 * asks a {@link CallerResolver} who is calling; the caller travels to the tools in the per-call
 * transport context. Anything refused gets a JSON answer: a JSON-RPC error where the body is the
 * problem, a small JSON body with the right status where HTTP is, and one {@code request_refused}
 * warning in the log with a reason code and nothing of the request's content.
 *
 * <p>Work per request is bounded before parsing completes: the body's size and the time it takes
 * to arrive, and the JSON's nesting depth and the length of its strings and numbers.
 */
public final class McpEndpoint implements HttpHandler, McpStatelessServerTransport {

    /** Deeper JSON is refused while it is read; the deepest tool argument is a handful of levels. */
    static final int MAX_NESTING_DEPTH = 64;

    /** The longest number read, in digits; ids and arguments fit in a long. */
    private static final int MAX_NUMBER_LENGTH = 100;

    private final ObjectMapper json;
    private final ObjectMapper requests;
    private final StructuredLog log;
    private final int maxBodyBytes;
    private final long bodyDeadlineNanos;
    private final ServerHttpHeaderValidator origins;
    private final CallerResolver callers;
    private final McpToolSurface surface;
    private final CallObserver observer;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Runnable afterFirstAnswer;
    private final AtomicBoolean answeredOnce = new AtomicBoolean();
    private volatile McpStatelessServerHandler handler;
    private volatile boolean closing;

    /**
     * @param origins checks the Host and Origin headers (DNS-rebinding protection)
     * @param callers who is calling, from the request
     * @param surface answers {@code tools/list} and runs {@code tools/call} directly (see {@link #answerToolCall})
     * @param limits the body's size limit and the time it has to arrive
     * @param log where refusals are logged
     * @param observer counts requests and refusals, for metrics
     * @param afterFirstAnswer runs once, after the first request has been answered
     */
    public McpEndpoint(
            ObjectMapper json,
            ServerHttpHeaderValidator origins,
            CallerResolver callers,
            McpToolSurface surface,
            RequestLimits limits,
            StructuredLog log,
            CallObserver observer,
            Runnable afterFirstAnswer) {
        this.json = json;
        this.afterFirstAnswer = afterFirstAnswer;
        this.observer = observer;
        this.requests = requestReader(limits.maxRequestBytes());
        this.log = log;
        this.maxBodyBytes = limits.maxRequestBytes();
        this.bodyDeadlineNanos = limits.requestTimeout().toNanos();
        this.origins = origins;
        this.callers = callers;
        this.surface = surface;
    }

    @Override
    public void setMcpHandler(McpStatelessServerHandler handler) {
        this.handler = handler;
    }

    /** MCP requests being handled now. */
    public int inFlight() {
        return inFlight.get();
    }

    @Override
    public Mono<Void> closeGracefully() {
        return Mono.fromRunnable(() -> closing = true);
    }

    /** Whatever fails below answers as a JSON-RPC internal error, never as a stack trace. */
    @Override
    public void handle(HttpRequest request, HttpResponse response) throws IOException {
        inFlight.incrementAndGet();
        observer.requestStarted();
        try {
            switch (request.method()) {
                case "POST" -> post(request, response);
                case "GET", "HEAD" ->
                    refuse(
                            response,
                            405,
                            "method_not_allowed",
                            "This MCP server is stateless: send each JSON-RPC message as a POST; there is no event stream"
                                    + " to GET.",
                            Map.of("Allow", "POST"));
                case "DELETE" ->
                    refuse(
                            response,
                            405,
                            "method_not_allowed",
                            "This MCP server keeps no sessions, so there is none to delete.",
                            Map.of("Allow", "POST"));
                default ->
                    refuse(
                            response,
                            405,
                            "method_not_allowed",
                            "Send each JSON-RPC message to this URL as a POST.",
                            Map.of("Allow", "POST"));
            }
        } catch (RuntimeException e) {
            log.error(
                    "request_failed", line -> line.put("exception", e.getClass().getName()));
            if (!response.isSent()) {
                rpcError(response, 500, null, McpSchema.ErrorCodes.INTERNAL_ERROR, "internal_error", "Internal error.");
            }
        } finally {
            inFlight.decrementAndGet();
            observer.requestEnded();
            if (!answeredOnce.get() && answeredOnce.compareAndSet(false, true)) {
                afterFirstAnswer.run();
            }
        }
    }

    private void post(HttpRequest request, HttpResponse response) throws IOException {
        if (closing || handler == null) {
            refuse(
                    response,
                    503,
                    "shutting_down",
                    "The server is shutting down; try again.",
                    Map.of("Retry-After", "1"));
            return;
        }
        try {
            origins.validate(headersOf(request));
        } catch (ServerTransportSecurityException e) {
            refuse(
                    response,
                    e.getStatusCode(),
                    e.getStatusCode() == 421 ? "misdirected_request" : "forbidden",
                    e.getStatusCode() == 421
                            ? "This server does not answer for the Host this request names."
                            : "Requests from this Origin are not accepted.",
                    Map.of());
            return;
        }
        CallerResolution caller = callers.resolve(pathToken(request), request);
        if (caller instanceof CallerResolution.Refused refused) {
            refuse(response, refused.status(), refused.code(), refused.message(), refused.headers());
            return;
        }
        if (!isJson(request.contentType())) {
            refuse(
                    response,
                    415,
                    "unsupported_media_type",
                    "Send the JSON-RPC message with Content-Type: application/json.",
                    Map.of());
            return;
        }
        String accept = request.header("Accept");
        if (accept != null && !accept.contains("application/json") && !accept.contains("*/*")) {
            refuse(
                    response,
                    406,
                    "not_acceptable",
                    "This server answers with application/json: accept it (Accept: application/json, text/event-stream).",
                    Map.of());
            return;
        }
        byte[] body = readBody(request, response);
        if (body == null) {
            return;
        }
        if (body.length == 0) {
            rpcError(
                    response,
                    400,
                    null,
                    McpSchema.ErrorCodes.PARSE_ERROR,
                    "parse_error",
                    "Parse error: the body is empty.");
            return;
        }
        JsonNode message;
        try {
            message = requests.readTree(body);
        } catch (StreamConstraintsException e) {
            boolean deep = e.getMessage() != null && e.getMessage().contains("nesting depth");
            rpcError(
                    response,
                    400,
                    null,
                    McpSchema.ErrorCodes.PARSE_ERROR,
                    deep ? "too_deep" : "too_long",
                    deep
                            ? "Parse error: the JSON is nested deeper than " + MAX_NESTING_DEPTH + " levels."
                            : "Parse error: a string or number in the JSON is too long.");
            return;
        } catch (JsonProcessingException e) {
            boolean duplicate = e.getMessage() != null && e.getMessage().startsWith("Duplicate field");
            rpcError(
                    response,
                    400,
                    null,
                    McpSchema.ErrorCodes.PARSE_ERROR,
                    duplicate ? "duplicate_key" : "parse_error",
                    duplicate
                            ? "Parse error: an object has the same key twice, so its meaning is ambiguous."
                            : "Parse error: the body is not valid JSON (one UTF-8 encoded JSON-RPC message).");
            return;
        }
        McpTransportContext context = McpTransportContext.create(
                Map.of(McpToolSurface.CONTEXT_KEY, ((CallerResolution.Caller) caller).context()));
        handle(message, context, response);
    }

    private void handle(JsonNode message, McpTransportContext context, HttpResponse response) throws IOException {
        if (message == null || !message.isObject()) {
            rpcError(
                    response,
                    400,
                    null,
                    McpSchema.ErrorCodes.INVALID_REQUEST,
                    message != null && message.isArray() ? "batch" : "not_an_object",
                    message != null && message.isArray()
                            ? "Invalid request: batches are not supported; send one JSON-RPC message per request."
                            : "Invalid request: the body must be a JSON-RPC message object.");
            return;
        }
        JsonNode id = message.get("id");
        JsonNode method = message.get("method");
        // An integer id must fit in 64 bits: the SDK, and many clients, cannot carry a larger one.
        boolean hasValidId = id == null || id.isTextual() || (id.isIntegralNumber() && id.canConvertToLong());
        Object rpcId = id == null || !hasValidId ? null : id.isTextual() ? id.asText() : id.numberValue();
        if (!"2.0".equals(message.path("jsonrpc").asText(null)) || !hasValidId) {
            rpcError(
                    response,
                    400,
                    rpcId,
                    McpSchema.ErrorCodes.INVALID_REQUEST,
                    "invalid_request",
                    "Invalid request: a JSON-RPC 2.0 message needs \"jsonrpc\": \"2.0\" and an id that is a string"
                            + " or a 64-bit integer.");
            return;
        }
        if (method == null) {
            // A response or an error sent to us: this server never asks the client anything.
            response.sendEmpty(202);
            return;
        }
        if (!method.isTextual()) {
            rpcError(
                    response,
                    400,
                    rpcId,
                    McpSchema.ErrorCodes.INVALID_REQUEST,
                    "invalid_request",
                    "Invalid request: \"method\" must be a string.");
            return;
        }
        JsonNode params = message.get("params");
        if (params != null && !params.isObject() && !params.isNull()) {
            rpcError(
                    response,
                    400,
                    rpcId,
                    McpSchema.ErrorCodes.INVALID_PARAMS,
                    "invalid_params",
                    "Invalid params: \"params\" must be an object.");
            return;
        }
        Optional<String> wrongParams = id == null ? Optional.empty() : ParamsShape.problem(method.asText(), params);
        if (wrongParams.isPresent()) {
            rpcError(
                    response,
                    400,
                    rpcId,
                    McpSchema.ErrorCodes.INVALID_PARAMS,
                    "invalid_params",
                    "Invalid params: " + wrongParams.get() + ".");
            return;
        }
        if (id != null
                && method.asText().equals("tools/call")
                && params != null
                && params.path("name").isTextual()) {
            answerToolCall(rpcId, params, context, response);
            return;
        }
        if (id != null && method.asText().equals("tools/list")) {
            response.send(
                    200,
                    JsonReplies.CONTENT_TYPE,
                    surface.toolListAnswer(jsonId(rpcId), McpToolSurface.contextOf(context)));
            return;
        }
        Object parameters = params == null || params.isNull() ? null : json.convertValue(params, Map.class);
        if (id == null) {
            try {
                handler.handleNotification(
                                context, new McpSchema.JSONRPCNotification("2.0", method.asText(), parameters))
                        .contextWrite(reactor -> reactor.put(McpTransportContext.KEY, context))
                        .block();
            } catch (RuntimeException e) {
                // A notification has no answer to carry an error; it is accepted and dropped.
            }
            response.sendEmpty(202);
            return;
        }
        McpSchema.JSONRPCResponse answer;
        try {
            answer = handler.handleRequest(
                            context, new McpSchema.JSONRPCRequest("2.0", method.asText(), rpcId, parameters))
                    .contextWrite(reactor -> reactor.put(McpTransportContext.KEY, context))
                    .block();
        } catch (RuntimeException e) {
            // Never the exception's text: it may name classes or quote the request.
            log.error(
                    "request_failed", line -> line.put("exception", e.getClass().getName()));
            rpcError(response, 500, rpcId, McpSchema.ErrorCodes.INTERNAL_ERROR, "internal_error", "Internal error.");
            return;
        }
        if (answer == null) {
            rpcError(response, 500, rpcId, McpSchema.ErrorCodes.INTERNAL_ERROR, "internal_error", "Internal error.");
            return;
        }
        if (answer.error() != null) {
            int code = answer.error().code();
            if (code == McpSchema.ErrorCodes.INTERNAL_ERROR) {
                // The SDK puts the exception's message here, which names classes: say no more than this.
                rpcError(response, 500, rpcId, code, "internal_error", "Internal error.");
                return;
            }
            noteRefusal(reasonOf(code), 200, code);
        }
        JsonReplies.write(response, 200, answer);
    }

    /**
     * A {@code tools/call} runs straight from the parsed message to the written answer: the tool
     * surface applies the same checks and refusals as through the SDK, and {@link ToolCallAnswer}
     * writes the result without building the SDK's objects, which for a list of bookings is most of
     * a call's cost, straight into the connection's answer array.
     */
    private void answerToolCall(Object rpcId, JsonNode params, McpTransportContext context, HttpResponse response)
            throws IOException {
        CallContext caller = McpToolSurface.contextOf(context);
        String id = jsonId(rpcId);
        ToolCallAnswer answer;
        try {
            ToolResult result = surface.callTool(params.get("name").asText(), params.get("arguments"), caller);
            answer = ToolCallAnswer.of(id, result, json);
        } catch (McpError e) {
            McpSchema.JSONRPCResponse.JSONRPCError error = e.getJsonRpcError();
            String reason =
                    error.code() == McpSchema.ErrorCodes.INVALID_PARAMS ? "unknown_tool" : reasonOf(error.code());
            rpcError(response, 200, rpcId, error.code(), reason, error.message(), error.data());
            return;
        } catch (RuntimeException e) {
            log.error(
                    "request_failed", line -> line.put("exception", e.getClass().getName()));
            rpcError(response, 500, rpcId, McpSchema.ErrorCodes.INTERNAL_ERROR, "internal_error", "Internal error.");
            return;
        }
        response.send(200, JsonReplies.CONTENT_TYPE, new ToolCallBody(answer));
    }

    /** A {@code tools/call} answer as a body written into the connection's answer array. */
    private record ToolCallBody(ToolCallAnswer answer) implements HttpResponse.ArrayBody {
        @Override
        public int expectedLength() {
            return answer.expectedLength();
        }

        @Override
        public int writeInto(byte[] into, int from) {
            return answer.writeInto(into, from);
        }
    }

    /** The request's id as JSON: an integer is its own, a string is escaped by Jackson. */
    private String jsonId(Object rpcId) throws IOException {
        return rpcId instanceof Long || rpcId instanceof Integer ? rpcId.toString() : json.writeValueAsString(rpcId);
    }

    /**
     * The body, or null after answering 413 when it is larger than the limit, or 408 when it does
     * not arrive within the deadline (the body's reads time out when it passes).
     */
    private byte[] readBody(HttpRequest request, HttpResponse response) throws IOException {
        if (request.contentLength() > maxBodyBytes) {
            tooLarge(response);
            return null;
        }
        long deadline = System.nanoTime() + bodyDeadlineNanos;
        long declared = request.contentLength();
        // With a Content-Length (the usual case) the body is read into an array of its size; a
        // chunked body grows its array, to one byte past the limit at most. A call's answer is most
        // of what a call allocates, and an 8 KiB read buffer for a 200-byte request was the next.
        byte[] body = new byte[declared >= 0 ? (int) declared : 8192];
        int filled = 0;
        try (InputStream in = request.body()) {
            while (true) {
                if (filled == body.length) {
                    if (declared >= 0) {
                        break; // the body stream ends where Content-Length says
                    }
                    if (filled > maxBodyBytes) {
                        tooLarge(response);
                        return null;
                    }
                    body = Arrays.copyOf(body, (int) Math.min(2L * body.length, maxBodyBytes + 1L));
                }
                int n = in.read(body, filled, body.length - filled);
                if (n < 0) {
                    break;
                }
                if (System.nanoTime() - deadline > 0) {
                    refuse(
                            response,
                            408,
                            "request_timeout",
                            "The request body did not arrive within " + bodyDeadlineNanos / 1_000_000 + " ms.",
                            Map.of("Connection", "close"));
                    return null;
                }
                filled += n;
            }
        } catch (IOException e) {
            // Read timed out or the client went away; an answer may still reach a slow client.
            refuse(
                    response,
                    408,
                    "request_timeout",
                    "The request body did not arrive in time.",
                    Map.of("Connection", "close"));
            return null;
        }
        if (filled > maxBodyBytes) {
            tooLarge(response);
            return null;
        }
        return filled == body.length ? body : Arrays.copyOf(body, filled);
    }

    private void tooLarge(HttpResponse response) throws IOException {
        refuse(
                response,
                413,
                "payload_too_large",
                "The request body is larger than " + maxBodyBytes / 1024 + " KiB; a JSON-RPC message to this server"
                        + " is never that large.",
                Map.of("Connection", "close"));
    }

    /** A JSON HTTP error, logged once with its code as the reason. */
    private void refuse(HttpResponse response, int status, String code, String message, Map<String, String> headers)
            throws IOException {
        noteRefusal(code, status, null);
        JsonReplies.error(response, status, code, message, headers);
    }

    private static String reasonOf(int rpcCode) {
        return switch (rpcCode) {
            case McpSchema.ErrorCodes.PARSE_ERROR -> "parse_error";
            case McpSchema.ErrorCodes.INVALID_REQUEST -> "invalid_request";
            case McpSchema.ErrorCodes.METHOD_NOT_FOUND -> "method_not_found";
            case McpSchema.ErrorCodes.INVALID_PARAMS -> "invalid_params";
            default -> "rpc_error";
        };
    }

    /**
     * The reader of request bodies: limits apply while the JSON is read, so a body nested 100,000
     * deep or holding a 1 MB number costs no more than reading up to the limit. A key given twice
     * is refused, since which value counts would otherwise be up to the parser.
     */
    private static ObjectMapper requestReader(int maxBodyBytes) {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING_DEPTH)
                        .maxNumberLength(MAX_NUMBER_LENGTH)
                        .maxStringLength(maxBodyBytes)
                        .build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        return new ObjectMapper(factory).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /** A JSON-RPC error answer, logged once with {@code reason}. */
    private void rpcError(HttpResponse response, int status, Object id, int code, String reason, String message)
            throws IOException {
        rpcError(response, status, id, code, reason, message, null);
    }

    /** A JSON-RPC error answer with {@code data} (if not null), logged once with {@code reason}. */
    private void rpcError(
            HttpResponse response, int status, Object id, int code, String reason, String message, Object data)
            throws IOException {
        noteRefusal(reason, status, code);
        ObjectNode body = json.createObjectNode().put("jsonrpc", "2.0");
        if (id == null) {
            body.putNull("id");
        } else {
            body.set("id", json.valueToTree(id));
        }
        ObjectNode error = body.putObject("error").put("code", code).put("message", message);
        if (data != null) {
            error.set("data", json.valueToTree(data));
        }
        JsonReplies.write(response, status, body);
    }

    /** The one warn line and the metric of a refusal: its reason code, never the request's content. */
    private void noteRefusal(String reason, int status, Integer rpcCode) {
        log.warn("request_refused", line -> {
            line.put("reason", reason).put("status", status);
            if (rpcCode != null) {
                line.put("rpc_code", rpcCode);
            }
        });
        observer.refused(reason);
    }

    /** The request's headers as the SDK's validator reads them; names match whatever their case. */
    private static HeaderAccessor headersOf(HttpRequest request) {
        return new HeaderAccessor() {
            @Override
            public List<String> getHeader(String name) {
                return request.headers(name);
            }

            @Override
            public List<String> getHeaderNames() {
                return request.headerNames();
            }
        };
    }

    /** What follows {@code /mcp/}, or the empty string for {@code /mcp}. */
    private static String pathToken(HttpRequest request) {
        String info = request.subPath();
        if (info.isEmpty() || info.equals("/")) {
            return "";
        }
        return info.startsWith("/") ? info.substring(1) : info;
    }

    private static boolean isJson(String contentType) {
        return contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("application/json");
    }
}
