package io.calcommcp.server.testing;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One request a fake or proxy received, and what was answered.
 *
 * @param method the HTTP method
 * @param path the raw (still percent-encoded) path
 * @param rawQuery the raw query string, or null
 * @param headers request headers, names in lower case
 * @param body the request body as text
 * @param responseStatus the status answered
 * @param responseBody the body answered
 */
public record RecordedRequest(
        String method,
        String path,
        String rawQuery,
        Map<String, List<String>> headers,
        String body,
        int responseStatus,
        String responseBody) {

    /** The first value of a header, or null. */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
