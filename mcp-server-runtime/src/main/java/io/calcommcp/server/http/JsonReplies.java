package io.calcommcp.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Small JSON answers for requests that are refused before anything else happens. */
final class JsonReplies {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonReplies() {}

    /** {@code {"error": code, "message": message}} with {@code status} and {@code headers}. */
    static void error(
            HttpServletResponse response, int status, String code, String message, Map<String, String> headers)
            throws IOException {
        ObjectNode body = JSON.createObjectNode().put("error", code).put("message", message);
        headers.forEach(response::setHeader);
        write(response, status, body);
    }

    static void write(HttpServletResponse response, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
