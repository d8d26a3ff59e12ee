package io.calcommcp.server.oauth;

import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.util.URLUtils;
import io.calcommcp.server.log.StructuredLog;
import io.calcommcp.server.oauth.client.OAuthText;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Blocker;
import org.eclipse.jetty.util.Callback;

/**
 * The HTTP moves the OAuth endpoints share on Jetty's core API: reading a bounded body, handing a
 * request to the OAuth SDK's parsers, and answering with JSON, OAuth errors, HTML or a redirect,
 * each with the headers its kind needs. Nothing here logs or echoes a request's content.
 */
final class OAuthHttp {

    static final String JSON = "application/json;charset=utf-8";

    private OAuthHttp() {}

    /** A body larger than its endpoint accepts. */
    static final class BodyTooLargeException extends Exception {
        private static final long serialVersionUID = 1L;

        BodyTooLargeException(int max) {
            super("the request body is larger than " + max + " bytes");
        }
    }

    /** The client's address, as the connection (or a trusted proxy's forwarding header) gives it. */
    static String clientAddress(Request request) {
        String address = Request.getRemoteAddr(request);
        return address == null ? "unknown" : address;
    }

    /** The query string's parameters, decoded. */
    static Map<String, List<String>> queryParameters(Request request) {
        return URLUtils.parseParameters(request.getHttpURI().getQuery());
    }

    /** The body as text, at most {@code maxBytes} bytes. */
    static String body(Request request, int maxBytes) throws BodyTooLargeException, IOException {
        long declared = request.getLength();
        if (declared > maxBytes) {
            throw new BodyTooLargeException(maxBytes);
        }
        byte[] bytes;
        try (Blocker.Promise<byte[]> promise = Blocker.promise()) {
            Content.Source.asByteArrayAsync(request, maxBytes, promise);
            bytes = promise.block();
        } catch (IllegalArgumentException | IllegalStateException e) {
            // Jetty refuses a body that grows past the limit while it is read.
            throw new BodyTooLargeException(maxBytes);
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /**
     * The request as the OAuth SDK reads it, addressed to {@code endpoint} (the public URL, not
     * whatever Host header came in), with its content type, authorization and body.
     */
    static HTTPRequest nimbusRequest(Request request, URI endpoint, String body) {
        HTTPRequest.Method method;
        try {
            method = HTTPRequest.Method.valueOf(request.getMethod());
        } catch (IllegalArgumentException e) {
            method = HTTPRequest.Method.POST;
        }
        HTTPRequest converted = new HTTPRequest(method, endpoint);
        String contentType = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        if (contentType != null) {
            converted.setHeader("Content-Type", contentType);
        }
        String authorization = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        if (authorization != null) {
            converted.setAuthorization(authorization);
        }
        converted.setBody(body);
        return converted;
    }

    /** Whether the request's content type is {@code type} (parameters such as the charset aside). */
    static boolean hasContentType(Request request, String type) {
        String value = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        if (value == null) {
            return false;
        }
        int semicolon = value.indexOf(';');
        return (semicolon < 0 ? value : value.substring(0, semicolon)).trim().equalsIgnoreCase(type);
    }

    /** The first value of a cookie, if the request has it. */
    static Optional<String> cookie(Request request, String name) {
        return Request.getCookies(request).stream()
                .filter(c -> c.getName().equals(name))
                .map(org.eclipse.jetty.http.HttpCookie::getValue)
                .findFirst();
    }

    /** Answers JSON that must not be cached (tokens, errors, registrations). */
    static void json(Response response, Callback callback, int status, String json) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, JSON);
        noStore(response);
        write(response, callback, json);
    }

    /** Answers an OAuth error: {@code error} and {@code error_description} as JSON, with its HTTP status. */
    static void error(Response response, Callback callback, ErrorObject error) {
        int status = error.getHTTPStatusCode() > 0 ? error.getHTTPStatusCode() : 400;
        json(response, callback, status, error.toJSONObject().toJSONString());
    }

    /** An OAuth error with our description, made legal for the protocol. */
    static ErrorObject error(ErrorObject base, String description, int status) {
        return new ErrorObject(base.getCode(), OAuthText.legal(description), status);
    }

    /** Answers 429 with a JSON OAuth error and {@code Retry-After}. */
    static void tooManyRequests(Response response, Callback callback, long retryAfterSeconds) {
        response.getHeaders().put(HttpHeader.RETRY_AFTER, Long.toString(retryAfterSeconds));
        error(
                response,
                callback,
                error(
                        OAuth2Error.TEMPORARILY_UNAVAILABLE,
                        "Too many requests from this address; try again in " + retryAfterSeconds + " seconds.",
                        429));
    }

    /** Answers 503 because the store did not answer: the client may try again shortly. */
    static void storeUnavailable(Response response, Callback callback) {
        response.getHeaders().put(HttpHeader.RETRY_AFTER, "5");
        error(
                response,
                callback,
                error(
                        OAuth2Error.TEMPORARILY_UNAVAILABLE,
                        "The server cannot reach its database; try again shortly.",
                        503));
    }

    /**
     * Answers a failure of the server itself: {@code server_error}, never a stack trace; the log
     * names the endpoint and the exception's class (its message might quote a request).
     */
    static void serverError(
            Response response, Callback callback, StructuredLog log, String endpoint, RuntimeException e) {
        log.error(
                "oauth_endpoint_failed",
                f -> f.put("endpoint", endpoint).put("exception", e.getClass().getName()));
        if (response.isCommitted()) {
            callback.failed(e);
            return;
        }
        error(
                response,
                callback,
                error(OAuth2Error.SERVER_ERROR, "Something went wrong on this server; try again.", 500));
    }

    /** Answers a method the endpoint does not serve. */
    static void methodNotAllowed(Response response, Callback callback, String allowed) {
        response.getHeaders().put(HttpHeader.ALLOW, allowed);
        error(
                response,
                callback,
                error(OAuth2Error.INVALID_REQUEST, "This endpoint answers " + allowed + " only.", 405));
    }

    /** Answers an HTML page that no frame may show, no cache may keep and no referrer may reveal. */
    static void html(Response response, Callback callback, int status, String html, String contentSecurityPolicy) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/html;charset=utf-8");
        response.getHeaders().put("Content-Security-Policy", contentSecurityPolicy);
        response.getHeaders().put("X-Frame-Options", "DENY");
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        response.getHeaders().put("Referrer-Policy", "no-referrer");
        noStore(response);
        write(response, callback, html);
    }

    /** Redirects the browser to {@code location} (303 after a form, 302 otherwise). */
    static void redirect(Response response, Callback callback, int status, URI location) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.LOCATION, location.toString());
        response.getHeaders().put("Referrer-Policy", "no-referrer");
        noStore(response);
        response.write(true, ByteBuffer.allocate(0), callback);
    }

    /**
     * Lets browser-based clients read the answer (metadata, registration, token, revocation): these
     * endpoints take no cookies, so any origin may call them.
     */
    static void allowAnyOrigin(Response response) {
        response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
    }

    /** Answers a CORS preflight for the endpoints of {@link #allowAnyOrigin}. */
    static void preflight(Response response, Callback callback, String methods) {
        allowAnyOrigin(response);
        response.setStatus(204);
        response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_METHODS, methods);
        response.getHeaders()
                .put(HttpHeader.ACCESS_CONTROL_ALLOW_HEADERS, "Authorization, Content-Type, MCP-Protocol-Version");
        response.getHeaders().put(HttpHeader.ACCESS_CONTROL_MAX_AGE, "600");
        response.write(true, ByteBuffer.allocate(0), callback);
    }

    private static void noStore(Response response) {
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.getHeaders().put(HttpHeader.PRAGMA, "no-cache");
    }

    private static void write(Response response, Callback callback, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
        response.write(true, ByteBuffer.wrap(bytes), callback);
    }
}
