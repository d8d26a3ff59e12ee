package io.calcommcp.server.upstream;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The upstream API's answer: its status, its headers and its body as the bytes that arrived, so
 * that a JSON body is parsed straight from UTF-8 and passed on without being decoded to a string.
 *
 * @param status the HTTP status code
 * @param headers response headers; look them up with {@link #header(String)}, which ignores case
 * @param bytes the body as it arrived (possibly empty); read it, do not change it
 */
public record UpstreamResponse(int status, Map<String, List<String>> headers, byte[] bytes) {

    public UpstreamResponse {
        // Header names are case-insensitive; normalise once so every lookup is simple.
        TreeMap<String, List<String>> lower = new TreeMap<>();
        headers.forEach((name, values) -> lower.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
        headers = Collections.unmodifiableMap(lower);
        Objects.requireNonNull(bytes, "bytes");
    }

    /** An answer whose body is {@code body}, encoded as UTF-8. */
    public UpstreamResponse(int status, Map<String, List<String>> headers, String body) {
        this(status, headers, body.getBytes(StandardCharsets.UTF_8));
    }

    /** The body decoded as UTF-8, possibly empty. */
    public String body() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Whether the body is empty or only white space. */
    public boolean isBlank() {
        for (byte b : bytes) {
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return false;
            }
        }
        return true;
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
