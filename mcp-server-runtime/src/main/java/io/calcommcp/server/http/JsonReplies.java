package io.calcommcp.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Map;

/** Small JSON answers for requests that are refused before anything else happens. */
public final class JsonReplies {

    /** The content type of every JSON answer. */
    public static final String CONTENT_TYPE = "application/json;charset=UTF-8";

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonReplies() {}

    /** {@code {"error": code, "message": message}} with {@code status} and {@code headers}. */
    static void error(HttpResponse response, int status, String code, String message, Map<String, String> headers)
            throws IOException {
        ObjectNode body = JSON.createObjectNode().put("error", code).put("message", message);
        headers.forEach(response::setHeader);
        write(response, status, body);
    }

    static void write(HttpResponse response, int status, Object body) throws IOException {
        response.send(status, CONTENT_TYPE, JSON.writeValueAsBytes(body));
    }
}
