package io.calcommcp.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** How every handler answers with JSON: a status, the JSON content type and the body, in one write. */
public final class JsonAnswers {

    /** The content type of every JSON answer. */
    public static final String CONTENT_TYPE = "application/json;charset=UTF-8";

    private static final HttpField CONTENT_TYPE_FIELD = new PreEncodedHttpField(HttpHeader.CONTENT_TYPE, CONTENT_TYPE);

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonAnswers() {}

    /** Sends {@code body} (JSON) with {@code status}; {@code callback} completes the request. */
    public static void send(Response response, Callback callback, int status, byte[] body) {
        response.setStatus(status);
        response.getHeaders().put(CONTENT_TYPE_FIELD);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    /** Sends {@code value} as JSON with {@code status}. */
    public static void send(Response response, Callback callback, int status, Object value) {
        send(response, callback, status, bytes(value));
    }

    /**
     * Sends {@code {"error": code, "message": message}} with {@code status} and {@code headers}
     * (such as {@code WWW-Authenticate} or {@code Connection: close}).
     */
    public static void error(
            Response response,
            Callback callback,
            int status,
            String code,
            String message,
            Map<String, String> headers) {
        headers.forEach((name, value) -> response.getHeaders().put(name, value));
        send(response, callback, status, errorBody(code, message));
    }

    /** The body {@code {"error": code, "message": message}}. */
    public static byte[] errorBody(String code, String message) {
        return bytes(JSON.createObjectNode().put("error", code).put("message", message));
    }

    private static byte[] bytes(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            // Only trees and maps of strings are written here.
            return "{\"error\":\"internal_error\"}".getBytes(StandardCharsets.UTF_8);
        }
    }
}
