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
 * @param jsonBody the JSON request body, if the request has one
 */
public record UpstreamRequest(
        String method, String pathAndQuery, Map<String, String> headers, Optional<String> jsonBody) {

    public UpstreamRequest {
        Objects.requireNonNull(method, "method");
        if (!pathAndQuery.startsWith("/")) {
            throw new IllegalArgumentException("pathAndQuery must start with /: " + pathAndQuery);
        }
        headers = Map.copyOf(headers);
        Objects.requireNonNull(jsonBody, "jsonBody");
    }
}
