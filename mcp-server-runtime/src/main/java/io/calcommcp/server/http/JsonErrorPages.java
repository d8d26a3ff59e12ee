package io.calcommcp.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.calcommcp.server.engine.CallObserver;
import io.calcommcp.server.log.StructuredLog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The server's error answers as small JSON bodies, for what no service answers itself: a malformed
 * request line or header, headers over the size limit, a path nothing is served at, a method a
 * route does not take. Each says what was wrong in one sentence and is logged once with its
 * reason; none says what software the server runs.
 */
final class JsonErrorPages {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final StructuredLog log;
    private final CallObserver observer;
    private final int maxHeaderBytes;

    /** @param maxHeaderBytes the header size limit, to name it in the message */
    JsonErrorPages(StructuredLog log, CallObserver observer, int maxHeaderBytes) {
        this.log = log;
        this.observer = observer;
        this.maxHeaderBytes = maxHeaderBytes;
    }

    /** Logs and counts the refusal, then sends its answer. */
    void send(HttpResponse response, int status) throws IOException {
        String code = code(status);
        log.warn("request_refused", line -> line.put("reason", code).put("status", status));
        observer.refused(code);
        response.send(status, JsonReplies.CONTENT_TYPE, body(status));
    }

    /** The answer's body for {@code status}: {@code {"error": ..., "message": ...}}. */
    byte[] body(int status) {
        String code = code(status);
        try {
            return JSON.writeValueAsBytes(
                    JSON.createObjectNode().put("error", code).put("message", message(status)));
        } catch (JsonProcessingException e) {
            return ("{\"error\":\"" + code + "\"}").getBytes(StandardCharsets.UTF_8);
        }
    }

    private static String code(int status) {
        return switch (status) {
            case 400 -> "bad_request";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 408 -> "request_timeout";
            case 413 -> "payload_too_large";
            case 417 -> "expectation_failed";
            case 431 -> "headers_too_large";
            case 501 -> "not_implemented";
            case 503 -> "too_many_connections";
            case 505 -> "http_version_not_supported";
            default -> status >= 500 ? "internal_error" : "http_error";
        };
    }

    private String message(int status) {
        return switch (status) {
            case 400 ->
                "The request is not valid HTTP/1.1: a malformed request line, header or path, or headers larger than "
                        + maxHeaderBytes / 1024 + " KiB together.";
            case 404 -> "Nothing is served at this path.";
            case 405 -> "This path does not answer this HTTP method.";
            case 408 -> "The request did not arrive in time.";
            case 413 -> "The request body is too large.";
            case 417 -> "Only Expect: 100-continue is supported.";
            case 431 -> "The request headers are larger than " + maxHeaderBytes / 1024 + " KiB together.";
            case 501 -> "This transfer encoding is not supported; send the body with Content-Length or chunked.";
            case 503 -> "The server has as many connections open as it takes; try again shortly.";
            case 505 -> "Use HTTP/1.1.";
            default ->
                status >= 500
                        ? "The server failed to answer this request."
                        : "The request was refused (HTTP " + status + ").";
        };
    }
}
