package io.calcommcp.server.http;

import io.calcommcp.server.engine.CallObserver;
import io.calcommcp.server.log.StructuredLog;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's error answers as small JSON bodies, for what no handler answers itself: a malformed
 * request line or header, headers over the size limit, a path nothing is served at, a method a
 * handler does not take, a handler that failed. Each says what was wrong in one sentence and is
 * logged once with its reason; none quotes the request or says what software the server runs.
 */
final class JsonErrorHandler implements Request.Handler {

    private final StructuredLog log;
    private final CallObserver observer;
    private final int maxHeaderBytes;

    /** @param maxHeaderBytes the header size limit, to name it in the message */
    JsonErrorHandler(StructuredLog log, CallObserver observer, int maxHeaderBytes) {
        this.log = log;
        this.observer = observer;
        this.maxHeaderBytes = maxHeaderBytes;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = response.getStatus();
        Object cause = request.getAttribute(ErrorHandler.ERROR_EXCEPTION);
        if (cause instanceof HttpException http) {
            status = http.getCode();
        } else if (cause instanceof Throwable failure && status >= 500) {
            // A handler threw: only the class, since a library's message may quote the request.
            log.error(
                    "request_failed",
                    line -> line.put("exception", failure.getClass().getName()));
        }
        String code = code(status);
        int shown = status;
        log.warn("request_refused", line -> line.put("reason", code).put("status", shown));
        observer.refused(code);
        response.setStatus(status);
        if (status == 503) {
            response.getHeaders().put(HttpHeader.RETRY_AFTER, "1");
        }
        if (malformed(status)) {
            // Whatever follows a malformed request on its connection cannot be trusted to be a request.
            response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
        }
        JsonAnswers.send(response, callback, status, JsonAnswers.errorBody(code, message(status)));
        return true;
    }

    private static boolean malformed(int status) {
        return switch (status) {
            case 400, 408, 413, 414, 417, 426, 431, 505 -> true;
            default -> false;
        };
    }

    private static String code(int status) {
        return switch (status) {
            case 400 -> "bad_request";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 408 -> "request_timeout";
            case 413 -> "payload_too_large";
            case 414 -> "uri_too_long";
            case 417 -> "expectation_failed";
            case 426 -> "upgrade_required";
            case 431 -> "headers_too_large";
            case 501 -> "not_implemented";
            case 503 -> "unavailable";
            case 505 -> "http_version_not_supported";
            default -> status >= 500 ? "internal_error" : "http_error";
        };
    }

    private String message(int status) {
        return switch (status) {
            case 400 ->
                "The request is not valid HTTP/1.1: a malformed request line, header, body framing or path, or headers"
                        + " larger than " + maxHeaderBytes / 1024 + " KiB together.";
            case 404 -> "Nothing is served at this path.";
            case 405 -> "This path does not answer this HTTP method.";
            case 408 -> "The request did not arrive in time.";
            case 413 -> "The request body is too large.";
            case 414 -> "The request's URL is too long.";
            case 417 -> "Only Expect: 100-continue is supported.";
            case 426 -> "Use HTTP/1.1.";
            case 431 ->
                "The request headers are larger than " + maxHeaderBytes / 1024 + " KiB together, or more than "
                        + HttpChecks.MAX_HEADERS + ".";
            case 501 -> "This request is not supported by this server.";
            case 503 -> "The server cannot take this request now; try again shortly.";
            case 505 -> "Use HTTP/1.1.";
            default ->
                status >= 500
                        ? "The server failed to answer this request."
                        : "The request was refused (HTTP " + status + ").";
        };
    }
}
