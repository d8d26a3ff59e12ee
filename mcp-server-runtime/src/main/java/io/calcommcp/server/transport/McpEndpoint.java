package io.calcommcp.server.transport;

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
import io.calcommcp.server.http.JsonAnswers;
import io.calcommcp.server.http.RequestBodies;
import io.calcommcp.server.log.StructuredLog;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpStatelessServerHandler;
import io.modelcontextprotocol.server.transport.HeaderAccessor;
import io.modelcontextprotocol.server.transport.ServerHttpHeaderValidator;
import io.modelcontextprotocol.server.transport.ServerTransportSecurityException;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpStatelessServerTransport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import reactor.core.publisher.Mono;

/**
 * Stateless Streamable HTTP for MCP, at {@code /mcp} and {@code /mcp/<token>}: the SDK's stateless
 * server transport, on a Jetty handler. Every POST carries one complete JSON-RPC message and gets
 * its complete answer; there are no sessions, and GET (the server-to-client stream) answers 405.
 *
 * <p>Before the SDK sees a request, this class checks what the SDK does not: the Host and Origin
 * headers, the content type and the size of the body and the time it takes to arrive, that the
 * body is one JSON-RPC message whose params have the types the SDK expects, the {@code
 * MCP-Protocol-Version} header, and that a {@code tools/call} names a tool the caller may call. It
 * asks a {@link CallerResolver} who is calling; the caller travels to the tools in the per-call
 * transport context. Anything refused gets a JSON answer: a JSON-RPC error where the body is the
 * problem, a small JSON body with the right status where HTTP is, and one {@code request_refused}
 * warning in the log with a reason code and nothing of the request's content. Everything else is
 * the SDK's: it answers {@code initialize}, {@code ping}, {@code tools/list} and {@code
 * tools/call}, and this class writes its answer as the SDK's JSON mapper serializes it.
 */
public final class McpEndpoint extends Handler.Abstract implements McpStatelessServerTransport {

    /** Deeper JSON is refused while it is read; the deepest tool argument is a handful of levels. */
    static final int MAX_NESTING_DEPTH = 64;

    /** The longest number read, in digits; ids and arguments fit in a long. */
    private static final int MAX_NUMBER_LENGTH = 100;

    /** The header in which clients name the protocol revision of each request after initialize. */
    static final String PROTOCOL_VERSION_HEADER = "MCP-Protocol-Version";

    private final McpJsonMapper answers;
    private final ObjectMapper requests;
    private final ObjectMapper json;
    private final StructuredLog log;
    private final int maxBodyBytes;
    private final Duration bodyDeadline;
    private final ServerHttpHeaderValidator origins;
    private final CallerResolver callers;
    private final CallableTools tools;
    private final String path;
    private final CallObserver observer;
    private final ProtocolVersions versions = new ProtocolVersions(protocolVersions());
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Runnable afterFirstAnswer;
    private final AtomicBoolean answeredOnce = new AtomicBoolean();
    private volatile McpStatelessServerHandler handler;
    private volatile boolean closing;

    /**
     * @param path where the endpoint is served, such as {@code /mcp}; {@code <path>/<token>} names a
     *     scoped URL
     * @param answers the SDK's JSON mapper, which writes every answer the SDK gives
     * @param origins checks the Host and Origin headers (DNS-rebinding protection)
     * @param callers who is calling, from the request
     * @param tools whether a call's tool is one its caller may call
     * @param limits the body's size limit and the time it has to arrive
     * @param log where refusals are logged
     * @param observer counts requests and refusals, for metrics
     * @param afterFirstAnswer runs once, after the first request has been answered
     */
    public McpEndpoint(
            String path,
            McpJsonMapper answers,
            ServerHttpHeaderValidator origins,
            CallerResolver callers,
            CallableTools tools,
            RequestLimits limits,
            StructuredLog log,
            CallObserver observer,
            Runnable afterFirstAnswer) {
        this.path = path;
        this.answers = answers;
        this.afterFirstAnswer = afterFirstAnswer;
        this.observer = observer;
        this.requests = requestReader(limits.maxRequestBytes());
        this.json = new ObjectMapper();
        this.log = log;
        this.maxBodyBytes = limits.maxRequestBytes();
        this.bodyDeadline = limits.requestTimeout();
        this.origins = origins;
        this.callers = callers;
        this.tools = tools;
    }

    @Override
    public void setMcpHandler(McpStatelessServerHandler mcpHandler) {
        this.handler = mcpHandler;
    }

    /** MCP requests being handled now. */
    public int inFlight() {
        return inFlight.get();
    }

    /** From now on, new MCP requests are answered 503 {@code shutting_down}; those running finish. */
    @Override
    public Mono<Void> closeGracefully() {
        return Mono.fromRunnable(() -> closing = true);
    }

    /** Whatever fails below answers as a JSON-RPC internal error, never as a stack trace. */
    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        inFlight.incrementAndGet();
        observer.requestStarted();
        Exchange exchange = new Exchange(request, response, callback);
        try {
            switch (request.getMethod()) {
                case "POST" -> post(exchange);
                case "GET", "HEAD" ->
                    refuse(
                            exchange,
                            405,
                            "method_not_allowed",
                            "This MCP server is stateless: send each JSON-RPC message as a POST; there is no event stream"
                                    + " to GET.",
                            Map.of("Allow", "POST"));
                case "DELETE" ->
                    refuse(
                            exchange,
                            405,
                            "method_not_allowed",
                            "This MCP server keeps no sessions, so there is none to delete.",
                            Map.of("Allow", "POST"));
                default ->
                    refuse(
                            exchange,
                            405,
                            "method_not_allowed",
                            "Send each JSON-RPC message to this URL as a POST.",
                            Map.of("Allow", "POST"));
            }
        } catch (RuntimeException e) {
            if (response.isCommitted()) {
                callback.failed(e);
            } else {
                internalError(exchange, null, e);
            }
        } finally {
            inFlight.decrementAndGet();
            observer.requestEnded();
            if (!answeredOnce.get() && answeredOnce.compareAndSet(false, true)) {
                afterFirstAnswer.run();
            }
        }
        return true;
    }

    /** One request's three parts, which every answer needs together. */
    private record Exchange(Request request, Response response, Callback callback) {}

    private void post(Exchange exchange) {
        if (closing || handler == null) {
            refuse(
                    exchange,
                    503,
                    "shutting_down",
                    "The server is shutting down; try again.",
                    Map.of("Retry-After", "1"));
            return;
        }
        Request request = exchange.request();
        HttpFields headers = request.getHeaders();
        HeaderAccessor headerAccess = headersOf(headers);
        try {
            origins.validate(headerAccess);
        } catch (ServerTransportSecurityException e) {
            boolean host = e.getStatusCode() == 421;
            refuse(
                    exchange,
                    e.getStatusCode(),
                    host ? "misdirected_request" : "forbidden",
                    host
                            ? "This server does not answer for the Host this request names."
                            : "Requests from this Origin are not accepted.",
                    Map.of());
            return;
        }
        CallerResolution caller = callers.resolve(
                pathToken(request),
                headerAccess,
                Optional.ofNullable(request.getHttpURI().getQuery()));
        if (caller instanceof CallerResolution.Refused refused) {
            if (refused.body().isPresent()) {
                noteRefusal(refused.code(), refused.status(), null);
                closeIfBodyUnread(exchange);
                refused.headers()
                        .forEach((name, value) ->
                                exchange.response().getHeaders().put(name, value));
                JsonAnswers.send(
                        exchange.response(),
                        exchange.callback(),
                        refused.status(),
                        refused.body().get().getBytes(StandardCharsets.UTF_8));
            } else {
                refuse(exchange, refused.status(), refused.code(), refused.message(), refused.headers());
            }
            return;
        }
        if (!isJson(headers.get(HttpHeader.CONTENT_TYPE))) {
            refuse(
                    exchange,
                    415,
                    "unsupported_media_type",
                    "Send the JSON-RPC message with Content-Type: application/json.",
                    Map.of());
            return;
        }
        String accept = headers.get(HttpHeader.ACCEPT);
        if (accept != null && !accept.contains("application/json") && !accept.contains("*/*")) {
            refuse(
                    exchange,
                    406,
                    "not_acceptable",
                    "This server answers with application/json: accept it (Accept: application/json, text/event-stream).",
                    Map.of());
            return;
        }
        byte[] body;
        try {
            body = RequestBodies.read(request, maxBodyBytes, bodyDeadline);
        } catch (RequestBodies.Refused e) {
            // What is left of the body cannot be told from a next request: the connection closes.
            refuse(exchange, e.status(), e.code(), e.getMessage(), Map.of("Connection", "close"));
            return;
        }
        JsonNode message = parse(exchange, body);
        if (message != null) {
            CallContext context = ((CallerResolution.Caller) caller).context();
            answer(exchange, message, headers.get(PROTOCOL_VERSION_HEADER), context);
        }
    }

    /** The message, or null after answering with a parse error. */
    private JsonNode parse(Exchange exchange, byte[] body) {
        if (body.length == 0) {
            rpcError(
                    exchange,
                    400,
                    null,
                    McpSchema.ErrorCodes.PARSE_ERROR,
                    "parse_error",
                    "Parse error: the body is empty.");
            return null;
        }
        try {
            return requests.readTree(body);
        } catch (StreamConstraintsException e) {
            boolean deep = e.getMessage() != null && e.getMessage().contains("nesting depth");
            rpcError(
                    exchange,
                    400,
                    null,
                    McpSchema.ErrorCodes.PARSE_ERROR,
                    deep ? "too_deep" : "too_long",
                    deep
                            ? "Parse error: the JSON is nested deeper than " + MAX_NESTING_DEPTH + " levels."
                            : "Parse error: a string or number in the JSON is too long.");
        } catch (JsonProcessingException e) {
            boolean duplicate = e.getMessage() != null && e.getMessage().startsWith("Duplicate field");
            rpcError(
                    exchange,
                    400,
                    null,
                    McpSchema.ErrorCodes.PARSE_ERROR,
                    duplicate ? "duplicate_key" : "parse_error",
                    duplicate
                            ? "Parse error: an object has the same key twice, so its meaning is ambiguous."
                            : "Parse error: the body is not valid JSON (one UTF-8 encoded JSON-RPC message).");
        } catch (IOException e) {
            rpcError(exchange, 400, null, McpSchema.ErrorCodes.PARSE_ERROR, "parse_error", "Parse error.");
        }
        return null;
    }

    private void answer(Exchange exchange, JsonNode message, String protocolVersion, CallContext caller) {
        if (message == null || !message.isObject()) {
            boolean batch = message != null && message.isArray();
            rpcError(
                    exchange,
                    400,
                    null,
                    McpSchema.ErrorCodes.INVALID_REQUEST,
                    batch ? "batch" : "not_an_object",
                    batch
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
                    exchange,
                    400,
                    rpcId,
                    McpSchema.ErrorCodes.INVALID_REQUEST,
                    "invalid_request",
                    "Invalid request: a JSON-RPC 2.0 message needs \"jsonrpc\": \"2.0\" and an id that is a string"
                            + " or a 64-bit integer.");
            return;
        }
        if (!versions.accepts(protocolVersion)) {
            rpcError(
                    exchange,
                    400,
                    rpcId,
                    McpSchema.ErrorCodes.INVALID_REQUEST,
                    "unsupported_protocol_version",
                    "Unsupported " + PROTOCOL_VERSION_HEADER + ": this server speaks " + versions.spoken()
                            + "; send one of them (the version initialize answered), or none.",
                    Map.of("supported", versions.supported()));
            return;
        }
        if (method == null) {
            // A response or an error sent to us: this server never asks the client anything.
            exchange.response().setStatus(202);
            exchange.response().write(true, null, exchange.callback());
            return;
        }
        if (!method.isTextual()) {
            rpcError(
                    exchange,
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
                    exchange,
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
                    exchange,
                    400,
                    rpcId,
                    McpSchema.ErrorCodes.INVALID_PARAMS,
                    "invalid_params",
                    "Invalid params: " + wrongParams.get() + ".");
            return;
        }
        Object sdkParams = params == null || params.isNull() ? null : params;
        McpTransportContext context = McpTransportContext.create(Map.of(CallContext.TRANSPORT_KEY, caller));
        if (id == null) {
            notify(exchange, context, new McpSchema.JSONRPCNotification("2.0", method.asText(), sdkParams));
            return;
        }
        if (method.asText().equals("tools/call")) {
            Optional<McpError> refusal = tools.refusal(params.get("name").asText(), caller);
            if (refusal.isPresent()) {
                // The SDK's own error, in its own response type, written by its mapper.
                noteRefusal("unknown_tool", 200, refusal.get().getJsonRpcError().code());
                write(
                        exchange,
                        McpSchema.JSONRPCResponse.error(rpcId, refusal.get().getJsonRpcError()));
                return;
            }
        }
        request(exchange, context, new McpSchema.JSONRPCRequest("2.0", method.asText(), rpcId, sdkParams));
    }

    private void notify(Exchange exchange, McpTransportContext context, McpSchema.JSONRPCNotification notification) {
        try {
            handler.handleNotification(context, notification)
                    .contextWrite(reactor -> reactor.put(McpTransportContext.KEY, context))
                    .block();
        } catch (RuntimeException e) {
            // A notification has no answer to carry an error; it is accepted and dropped.
        }
        exchange.response().setStatus(202);
        exchange.response().write(true, null, exchange.callback());
    }

    private void request(Exchange exchange, McpTransportContext context, McpSchema.JSONRPCRequest rpc) {
        McpSchema.JSONRPCResponse answer;
        try {
            answer = handler.handleRequest(context, rpc)
                    .contextWrite(reactor -> reactor.put(McpTransportContext.KEY, context))
                    .block();
        } catch (RuntimeException e) {
            internalError(exchange, rpc.id(), e);
            return;
        }
        if (answer == null) {
            internalError(exchange, rpc.id(), null);
            return;
        }
        if (answer.error() != null) {
            int code = answer.error().code();
            if (code == McpSchema.ErrorCodes.INTERNAL_ERROR) {
                // The SDK puts the exception's message here, which names classes: say no more than this.
                internalError(exchange, rpc.id(), null);
                return;
            }
            noteRefusal(reasonOf(code), 200, code);
        }
        write(exchange, answer);
    }

    /** An answer of the SDK, as the SDK's mapper serializes it. */
    private void write(Exchange exchange, McpSchema.JSONRPCResponse answer) {
        byte[] bytes;
        try {
            bytes = answers.writeValueAsBytes(answer);
        } catch (IOException e) {
            internalError(exchange, answer.id(), e);
            return;
        }
        JsonAnswers.send(exchange.response(), exchange.callback(), 200, bytes);
    }

    /**
     * A JSON-RPC internal error, with the failure's class in the log (if there is one), never its
     * text: it may name classes or quote the request.
     */
    private void internalError(Exchange exchange, Object id, Exception failure) {
        if (failure != null) {
            log.error(
                    "request_failed",
                    line -> line.put("exception", failure.getClass().getName()));
        }
        rpcError(exchange, 500, id, McpSchema.ErrorCodes.INTERNAL_ERROR, "internal_error", "Internal error.");
    }

    /** A JSON HTTP error, logged once with its code as the reason. */
    /** Every refusal is made before the body is read (or with the connection closed after it). */
    private void refuse(Exchange exchange, int status, String code, String message, Map<String, String> headers) {
        noteRefusal(code, status, null);
        closeIfBodyUnread(exchange);
        JsonAnswers.error(exchange.response(), exchange.callback(), status, code, message, headers);
    }

    /**
     * An answer given before the request's body was read closes the connection, and says so: Jetty
     * would close it anyway when the rest of the body has not arrived yet, and a client that was not
     * told would send its next request on a connection that is gone.
     */
    private static void closeIfBodyUnread(Exchange exchange) {
        HttpFields headers = exchange.request().getHeaders();
        long length = headers.getLongField(HttpHeader.CONTENT_LENGTH);
        if (length > 0 || headers.contains(HttpHeader.TRANSFER_ENCODING)) {
            exchange.response().getHeaders().put(HttpHeader.CONNECTION, "close");
        }
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
    private void rpcError(Exchange exchange, int status, Object id, int code, String reason, String message) {
        rpcError(exchange, status, id, code, reason, message, null);
    }

    /**
     * A JSON-RPC error answer with {@code data} (if not null), logged once with {@code reason}. The
     * SDK's response type cannot carry the null id of a message whose id could not be read, so the
     * checks in front of it write their errors as trees.
     */
    private void rpcError(
            Exchange exchange, int status, Object id, int code, String reason, String message, Object data) {
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
        JsonAnswers.send(exchange.response(), exchange.callback(), status, body);
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

    /** The request's headers as the SDK's validator and the caller resolver read them. */
    private static HeaderAccessor headersOf(HttpFields headers) {
        return new HeaderAccessor() {
            @Override
            public List<String> getHeader(String name) {
                return headers.getValuesList(name);
            }

            @Override
            public List<String> getHeaderNames() {
                return List.copyOf(headers.getFieldNamesCollection());
            }
        };
    }

    /** What follows {@code /mcp/}, or the empty string for {@code /mcp}. */
    private String pathToken(Request request) {
        String full = request.getHttpURI().getDecodedPath();
        if (full == null || full.length() <= path.length() + 1 || !full.startsWith(path)) {
            return "";
        }
        return full.substring(path.length() + 1);
    }

    private static boolean isJson(String contentType) {
        return contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("application/json");
    }
}
