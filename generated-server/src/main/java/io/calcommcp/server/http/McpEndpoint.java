package io.calcommcp.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.calcommcp.server.engine.CallContext;
import io.calcommcp.server.engine.ToolResult;
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
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
 * problem, a small JSON body with the right status where HTTP is.
 */
public final class McpEndpoint extends HttpServlet implements McpStatelessServerTransport {

    private static final long serialVersionUID = 1L;

    /** The largest request body accepted, in bytes; a tool call is a few kilobytes at most. */
    static final int MAX_BODY_BYTES = 1024 * 1024;

    private final transient ObjectMapper json;
    private final transient ServerHttpHeaderValidator origins;
    private final transient CallerResolver callers;
    private final transient McpToolSurface surface;
    private transient volatile McpStatelessServerHandler handler;
    private transient volatile boolean closing;

    /**
     * @param origins checks the Host and Origin headers (DNS-rebinding protection)
     * @param callers who is calling, from the request
     * @param surface runs {@code tools/call} directly (see {@link #answerToolCall})
     */
    public McpEndpoint(
            ObjectMapper json, ServerHttpHeaderValidator origins, CallerResolver callers, McpToolSurface surface) {
        this.json = json;
        this.origins = origins;
        this.callers = callers;
        this.surface = surface;
    }

    @Override
    public void setMcpHandler(McpStatelessServerHandler handler) {
        this.handler = handler;
    }

    @Override
    public Mono<Void> closeGracefully() {
        return Mono.fromRunnable(() -> closing = true);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        JsonReplies.error(
                response,
                HttpServletResponse.SC_METHOD_NOT_ALLOWED,
                "method_not_allowed",
                "This MCP server is stateless: send each JSON-RPC message as a POST; there is no event stream to GET.",
                Map.of("Allow", "POST"));
    }

    @Override
    protected void doDelete(HttpServletRequest request, HttpServletResponse response) throws IOException {
        JsonReplies.error(
                response,
                HttpServletResponse.SC_METHOD_NOT_ALLOWED,
                "method_not_allowed",
                "This MCP server keeps no sessions, so there is none to delete.",
                Map.of("Allow", "POST"));
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (closing || handler == null) {
            JsonReplies.error(
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
            JsonReplies.error(
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
            JsonReplies.error(response, refused.status(), refused.code(), refused.message(), refused.headers());
            return;
        }
        if (!isJson(request.getContentType())) {
            JsonReplies.error(
                    response,
                    HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE,
                    "unsupported_media_type",
                    "Send the JSON-RPC message with Content-Type: application/json.",
                    Map.of());
            return;
        }
        String accept = request.getHeader("Accept");
        if (accept != null && !accept.contains("application/json") && !accept.contains("*/*")) {
            JsonReplies.error(
                    response,
                    HttpServletResponse.SC_NOT_ACCEPTABLE,
                    "not_acceptable",
                    "This server answers with application/json: accept it (Accept: application/json, text/event-stream).",
                    Map.of());
            return;
        }
        byte[] body = readBody(request, response);
        if (body == null) {
            return;
        }
        JsonNode message;
        try {
            message = json.readTree(body);
        } catch (JsonProcessingException e) {
            rpcError(response, 400, null, McpSchema.ErrorCodes.PARSE_ERROR, "Parse error: the body is not JSON.");
            return;
        }
        McpTransportContext context = McpTransportContext.create(
                Map.of(McpToolSurface.CONTEXT_KEY, ((CallerResolution.Caller) caller).context()));
        handle(message, context, response);
    }

    private void handle(JsonNode message, McpTransportContext context, HttpServletResponse response)
            throws IOException {
        if (message == null || !message.isObject()) {
            rpcError(
                    response,
                    400,
                    null,
                    McpSchema.ErrorCodes.INVALID_REQUEST,
                    message != null && message.isArray()
                            ? "Invalid request: batches are not supported; send one JSON-RPC message per request."
                            : "Invalid request: the body must be a JSON-RPC message object.");
            return;
        }
        JsonNode id = message.get("id");
        JsonNode method = message.get("method");
        boolean hasValidId = id == null || id.isTextual() || id.isIntegralNumber();
        Object rpcId = id == null || !hasValidId ? null : id.isTextual() ? id.asText() : id.numberValue();
        if (!"2.0".equals(message.path("jsonrpc").asText(null)) || !hasValidId) {
            rpcError(
                    response,
                    400,
                    rpcId,
                    McpSchema.ErrorCodes.INVALID_REQUEST,
                    "Invalid request: a JSON-RPC 2.0 message needs \"jsonrpc\": \"2.0\" and an id that is a string"
                            + " or an integer.");
            return;
        }
        if (method == null) {
            // A response or an error sent to us: this server never asks the client anything.
            response.setStatus(HttpServletResponse.SC_ACCEPTED);
            return;
        }
        if (!method.isTextual()) {
            rpcError(
                    response,
                    400,
                    rpcId,
                    McpSchema.ErrorCodes.INVALID_REQUEST,
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
                    "Invalid params: \"params\" must be an object.");
            return;
        }
        if (id != null
                && method.asText().equals("tools/call")
                && params != null
                && params.path("name").isTextual()) {
            answerToolCall(rpcId, params, context, response);
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
            response.setStatus(HttpServletResponse.SC_ACCEPTED);
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
            rpcError(response, 500, rpcId, McpSchema.ErrorCodes.INTERNAL_ERROR, "Internal error.");
            return;
        }
        JsonReplies.write(response, 200, answer);
    }

    /**
     * A {@code tools/call} runs straight from the parsed message to the written answer: the tool
     * surface applies the same checks and refusals as through the SDK, and {@link ToolCallAnswer}
     * writes the result without building the SDK's objects, which for a list of bookings is most of
     * a call's cost.
     */
    private void answerToolCall(
            Object rpcId, JsonNode params, McpTransportContext context, HttpServletResponse response)
            throws IOException {
        CallContext caller = (CallContext) context.get(McpToolSurface.CONTEXT_KEY);
        String id = json.writeValueAsString(rpcId);
        byte[] answer;
        try {
            ToolResult result = surface.callTool(params.get("name").asText(), params.get("arguments"), caller);
            answer = ToolCallAnswer.write(id, result, json);
        } catch (McpError e) {
            ObjectNode body = json.createObjectNode().put("jsonrpc", "2.0");
            body.set("id", json.valueToTree(rpcId));
            ObjectNode error = body.putObject("error")
                    .put("code", e.getJsonRpcError().code())
                    .put("message", e.getJsonRpcError().message());
            if (e.getJsonRpcError().data() != null) {
                error.set("data", json.valueToTree(e.getJsonRpcError().data()));
            }
            JsonReplies.write(response, 200, body);
            return;
        } catch (RuntimeException e) {
            rpcError(response, 500, rpcId, McpSchema.ErrorCodes.INTERNAL_ERROR, "Internal error.");
            return;
        }
        response.setStatus(200);
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setContentLength(answer.length);
        response.getOutputStream().write(answer);
    }

    /** The body, or null after answering 413 when it is larger than {@link #MAX_BODY_BYTES}. */
    private static byte[] readBody(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (request.getContentLengthLong() > MAX_BODY_BYTES) {
            tooLarge(response);
            return null;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try (InputStream in = request.getInputStream()) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                if (out.size() + n > MAX_BODY_BYTES) {
                    tooLarge(response);
                    return null;
                }
                out.write(buffer, 0, n);
            }
        }
        return out.toByteArray();
    }

    private static void tooLarge(HttpServletResponse response) throws IOException {
        JsonReplies.error(
                response,
                HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE,
                "payload_too_large",
                "The request body is larger than " + MAX_BODY_BYTES / 1024 + " KiB; a JSON-RPC message to this server"
                        + " is never that large.",
                Map.of("Connection", "close"));
    }

    private void rpcError(HttpServletResponse response, int status, Object id, int code, String message)
            throws IOException {
        ObjectNode body = json.createObjectNode().put("jsonrpc", "2.0");
        if (id == null) {
            body.putNull("id");
        } else {
            body.set("id", json.valueToTree(id));
        }
        body.putObject("error").put("code", code).put("message", message);
        JsonReplies.write(response, status, body);
    }

    /** The request's headers as the SDK's validator reads them; names match whatever their case. */
    private static HeaderAccessor headersOf(HttpServletRequest request) {
        return new HeaderAccessor() {
            @Override
            public List<String> getHeader(String name) {
                return Collections.list(request.getHeaders(name));
            }

            @Override
            public List<String> getHeaderNames() {
                return Collections.list(request.getHeaderNames());
            }
        };
    }

    /** What follows {@code /mcp/}, or the empty string for {@code /mcp}. */
    private static String pathToken(HttpServletRequest request) {
        String info = request.getPathInfo();
        if (info == null || info.equals("/")) {
            return "";
        }
        return info.startsWith("/") ? info.substring(1) : info;
    }

    private static boolean isJson(String contentType) {
        return contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("application/json");
    }
}
