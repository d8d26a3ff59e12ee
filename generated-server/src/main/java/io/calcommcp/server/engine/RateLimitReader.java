package io.calcommcp.server.engine;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.calcommcp.server.upstream.UpstreamResponse;
import io.calcommcp.toolapi.VendorProfile;
import java.util.List;
import java.util.Optional;

/**
 * Reads an API's rate-limit headers into one normalized object, {@code ratelimit-limit}, {@code
 * ratelimit-remaining} and {@code ratelimit-reset}, whatever family of names the API uses: the
 * vendor profile lists the prefixes ({@code ratelimit-}, {@code x-ratelimit-}); a header may carry
 * a suffix naming one of several limits ({@code X-RateLimit-Remaining-Default}); {@code
 * Retry-After} stands in for a missing reset.
 */
final class RateLimitReader {

    private static final List<String> FIELDS = List.of("limit", "remaining", "reset");

    private final List<String> prefixes;

    RateLimitReader(VendorProfile profile) {
        this.prefixes = profile.rateLimitHeaderPrefixes();
    }

    /** The normalized values; a value the API did not send is null. */
    ObjectNode read(UpstreamResponse response) {
        ObjectNode limits = JsonNodeFactory.instance.objectNode();
        for (String field : FIELDS) {
            Optional<String> value = header(response, field);
            if (value.isEmpty() && field.equals("reset")) {
                value = response.header("retry-after");
            }
            String key = "ratelimit-" + field;
            value.ifPresentOrElse(v -> putNumberOrText(limits, key, v), () -> limits.putNull(key));
        }
        return limits;
    }

    private Optional<String> header(UpstreamResponse response, String field) {
        for (String prefix : prefixes) {
            Optional<String> exact = response.header(prefix + field);
            if (exact.isPresent()) {
                return exact;
            }
        }
        for (String prefix : prefixes) {
            String start = prefix + field + "-";
            Optional<String> suffixed = response.headers().entrySet().stream()
                    .filter(e -> e.getKey().startsWith(start) && !e.getValue().isEmpty())
                    .map(e -> e.getValue().get(0))
                    .findFirst();
            if (suffixed.isPresent()) {
                return suffixed;
            }
        }
        return Optional.empty();
    }

    private static void putNumberOrText(ObjectNode node, String key, String value) {
        try {
            node.put(key, Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            node.put(key, value);
        }
    }
}
