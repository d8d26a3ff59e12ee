package io.calcommcp.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.calcommcp.server.engine.CallObserver;
import io.calcommcp.server.log.StructuredLog;
import java.io.IOException;
import java.io.Writer;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

/**
 * The container's error pages as small JSON bodies, for what never reaches a servlet: a malformed
 * request line or header, headers over the size limit, a path nothing is served at, a method
 * nothing answers. Tomcat's own pages are HTML and may carry an exception report; these say what
 * was wrong in one sentence, and each is logged once with its reason.
 */
final class JsonErrorPages extends ErrorReportValve {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final StructuredLog log;
    private final CallObserver observer;
    private final int maxHeaderBytes;

    /** @param maxHeaderBytes the header size limit, to name it in the message */
    JsonErrorPages(StructuredLog log, CallObserver observer, int maxHeaderBytes) {
        this.log = log;
        this.observer = observer;
        this.maxHeaderBytes = maxHeaderBytes;
        setShowReport(false);
        setShowServerInfo(false);
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        String code = code(status);
        log.warn("request_refused", line -> line.put("reason", code).put("status", status));
        observer.refused(code);
        String body;
        try {
            body = JSON.writeValueAsString(
                    JSON.createObjectNode().put("error", code).put("message", message(status)));
        } catch (JsonProcessingException e) {
            body = "{\"error\":\"" + code + "\"}";
        }
        try {
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(body);
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // The client is gone or the response cannot take a body: the status alone must do.
        }
    }

    private static String code(int status) {
        return switch (status) {
            case 400 -> "bad_request";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 408 -> "request_timeout";
            case 413 -> "payload_too_large";
            case 414 -> "uri_too_long";
            case 431 -> "headers_too_large";
            case 501 -> "not_implemented";
            case 505 -> "http_version_not_supported";
            default -> status >= 500 ? "internal_error" : "http_error";
        };
    }

    private String message(int status) {
        return switch (status) {
            case 400 ->
                "The request is not valid HTTP/1.1: a malformed request line or header, or headers larger than "
                        + maxHeaderBytes / 1024 + " KiB together.";
            case 404 -> "Nothing is served at this path.";
            case 405 -> "This path does not answer this HTTP method.";
            case 408 -> "The request did not arrive in time.";
            case 413 -> "The request body is too large.";
            case 414 -> "The request line is too long.";
            case 431 -> "The request headers are larger than " + maxHeaderBytes / 1024 + " KiB together.";
            case 501 -> "This HTTP method is not supported.";
            case 505 -> "Use HTTP/1.1.";
            default ->
                status >= 500
                        ? "The server failed to answer this request."
                        : "The request was refused (HTTP " + status + ").";
        };
    }
}
