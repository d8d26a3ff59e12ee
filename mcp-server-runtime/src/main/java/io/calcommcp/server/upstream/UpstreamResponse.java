package io.calcommcp.server.upstream;

import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The upstream API's answer.
 *
 * @param status the HTTP status code
 * @param headers response headers; look them up with {@link #header(String)}, which ignores case
 * @param body the response body decoded as UTF-8, possibly empty
 */
public record UpstreamResponse(int status, Map<String, List<String>> headers, String body) {

    public UpstreamResponse {
        // Header names are case-insensitive; normalise once so every lookup is simple.
        TreeMap<String, List<String>> lower = new TreeMap<>();
        headers.forEach((name, values) -> lower.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
        headers = Collections.unmodifiableMap(lower);
        Objects.requireNonNull(body, "body");
    }

    /** The first value of a header, matched without regard to case. */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** Whether the status is 2xx. */
    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }
}
