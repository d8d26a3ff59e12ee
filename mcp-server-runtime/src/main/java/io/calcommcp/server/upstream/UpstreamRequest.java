package io.calcommcp.server.upstream;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A request ready to send to the upstream API, relative to its base URL.
 *
 * @param method the HTTP method, upper case
 * @param pathAndQuery the already percent-encoded path and query, starting with {@code /}
 * @param headers request headers besides credentials, which {@link UpstreamClient} adds itself
 * @param body the request body, if the request has one
 * @param bodyType the body's media type: JSON, or a form
 */
public record UpstreamRequest(
        String method, String pathAndQuery, Map<String, String> headers, Optional<String> body, String bodyType) {

    public static final String JSON = "application/json";

    public static final String FORM = "application/x-www-form-urlencoded";

    /** A request whose body, if any, is JSON. */
    public UpstreamRequest(String method, String pathAndQuery, Map<String, String> headers, Optional<String> body) {
        this(method, pathAndQuery, headers, body, JSON);
    }

    public UpstreamRequest {
        Objects.requireNonNull(method, "method");
        if (!pathAndQuery.startsWith("/")) {
            throw new IllegalArgumentException("pathAndQuery must start with /: " + pathAndQuery);
        }
        headers = Map.copyOf(headers);
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(bodyType, "bodyType");
    }
}
