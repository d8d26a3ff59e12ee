package io.calcommcp.server.engine;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.calcommcp.server.upstream.UpstreamResponse;
import io.calcommcp.toolapi.VendorProfile;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads an API's rate-limit headers into one normalized form, whatever family of names the API
 * uses: the vendor profile lists the prefixes ({@code ratelimit-}, {@code x-ratelimit-}); a header
 * may carry a suffix naming one of several limits ({@code X-RateLimit-Remaining-Default}).
 *
 * <p>The reset is always given as seconds from now: APIs send a number of seconds, an epoch time
 * in seconds or milliseconds, or an HTTP date, and a model can act on none of those as reliably as
 * on "42 seconds". {@code Retry-After} (seconds or an HTTP date) stands in for a missing reset.
 */
final class RateLimitReader {

    // Numbers above these are points in time, not durations: no window lasts 30 years.
    private static final long EPOCH_SECONDS = 1_000_000_000L;
    private static final long EPOCH_MILLIS = 1_000_000_000_000L;

    private final List<String> prefixes;

    RateLimitReader(VendorProfile profile) {
        // Header names are kept in lower case (see UpstreamResponse), so the prefixes are too.
        this.prefixes = profile.rateLimitHeaderPrefixes().stream()
                .map(prefix -> prefix.toLowerCase(Locale.ROOT))
                .toList();
    }

    /**
     * What the API said about its limits.
     *
     * @param limit how many requests the window allows
     * @param remaining how many are left in it
     * @param resetSeconds seconds until the window resets
     * @param retryAfterSeconds seconds to wait before trying again, from {@code Retry-After} or else the reset
     */
    record RateLimit(Long limit, Long remaining, Long resetSeconds, Long retryAfterSeconds) {

        /** {@code {"ratelimit-limit": 120, "ratelimit-remaining": 0, "ratelimit-reset": 42}}; unknown values are null. */
        ObjectNode toJson() {
            ObjectNode node = JsonNodeFactory.instance.objectNode();
            put(node, "ratelimit-limit", limit);
            put(node, "ratelimit-remaining", remaining);
            put(node, "ratelimit-reset", resetSeconds);
            return node;
        }

        private static void put(ObjectNode node, String key, Long value) {
            if (value == null) {
                node.putNull(key);
            } else {
                node.put(key, value);
            }
        }
    }

    /** The normalized values, or empty when the answer carries no rate-limit header at all. */
    Optional<RateLimit> read(UpstreamResponse response, Instant now) {
        // Most answers carry none of these headers: one look at the names settles that.
        if (!mentionsLimits(response)) {
            return Optional.empty();
        }
        Optional<String> limit = header(response, "limit");
        Optional<String> remaining = header(response, "remaining");
        Optional<String> reset = header(response, "reset");
        Optional<String> retryAfter = response.header("retry-after");
        if (limit.isEmpty() && remaining.isEmpty() && reset.isEmpty() && retryAfter.isEmpty()) {
            return Optional.empty();
        }
        Long resetSeconds = reset.map(v -> secondsUntil(v, now)).orElse(null);
        Long retryAfterSeconds = retryAfter.map(v -> secondsUntil(v, now)).orElse(null);
        if (resetSeconds == null) {
            resetSeconds = retryAfterSeconds;
        }
        if (retryAfterSeconds == null) {
            retryAfterSeconds = resetSeconds;
        }
        return Optional.of(new RateLimit(
                limit.map(RateLimitReader::number).orElse(null),
                remaining.map(RateLimitReader::number).orElse(null),
                resetSeconds,
                retryAfterSeconds));
    }

    /** Whether a header name starts with one of the prefixes, or is {@code Retry-After}. */
    private boolean mentionsLimits(UpstreamResponse response) {
        for (String name : response.headers().keySet()) {
            if (name.equals("retry-after")) {
                return true;
            }
            for (String prefix : prefixes) {
                if (name.startsWith(prefix)) {
                    return true;
                }
            }
        }
        return false;
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

    private static Long number(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Seconds from {@code now} until the time {@code value} names, never negative; null if unreadable. */
    static Long secondsUntil(String value, Instant now) {
        String text = value.trim();
        Long number = number(text);
        if (number == null) {
            try {
                Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant();
                return Math.max(0, Duration.between(now, at).toSeconds());
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        if (number >= EPOCH_MILLIS) {
            return Math.max(0, (number - now.toEpochMilli() + 999) / 1000);
        }
        if (number >= EPOCH_SECONDS) {
            return Math.max(0, number - now.getEpochSecond());
        }
        return Math.max(0, number);
    }
}
