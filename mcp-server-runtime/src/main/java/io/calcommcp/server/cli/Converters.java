package io.calcommcp.server.cli;

import io.calcommcp.toolapi.ToolExposure;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.TypeConversionException;

/**
 * The kinds of values the options take, each read in one place: picocli calls a converter for a
 * flag, and {@link Setting} calls the same one for the flag's environment variable. A refusal names
 * where the value came from ({@code what}, such as {@code --port / CALCOM_MCP_PORT}), the value, and
 * an example of a good one.
 */
final class Converters {

    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*([smhd])");

    // Below 1 ms a timeout would round to zero, which the HTTP clients refuse with an exception; far
    // above a day a value is a typo, and past Long.MAX_VALUE milliseconds it would wrap negative.
    private static final BigDecimal MIN_TIMEOUT_SECONDS = new BigDecimal("0.001");
    private static final BigDecimal MAX_TIMEOUT_SECONDS = BigDecimal.valueOf(86_400);

    private Converters() {}

    /** A number of seconds, decimals allowed, from 1 ms to a day. */
    static ValueConverter<Duration> seconds(String what) {
        return text -> {
            BigDecimal seconds;
            try {
                // BigDecimal reads no NaN or Infinity, so every value that parses is finite.
                seconds = new BigDecimal(text.trim());
            } catch (NumberFormatException e) {
                throw refused(what, text, "is not a number of seconds, e.g. 30 or 0.5");
            }
            if (seconds.compareTo(MIN_TIMEOUT_SECONDS) < 0 || seconds.compareTo(MAX_TIMEOUT_SECONDS) > 0) {
                throw refused(
                        what,
                        text,
                        "is out of range: give between " + MIN_TIMEOUT_SECONDS.toPlainString() + " (1 ms) and "
                                + MAX_TIMEOUT_SECONDS.toPlainString() + " seconds, e.g. 30 or 0.5");
            }
            return Duration.ofMillis(seconds.movePointRight(3).longValue());
        };
    }

    /** A number of seconds from {@code min} to {@code max}. */
    static ValueConverter<Duration> seconds(String what, Duration min, Duration max, String example) {
        ValueConverter<Duration> seconds = seconds(what);
        return text -> {
            Duration value = seconds.convert(text);
            if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
                throw new TypeConversionException(what + ": give between " + min.toMillis() / 1000.0 + " and "
                        + max.toSeconds() + " seconds, e.g. " + example);
            }
            return value;
        };
    }

    /** A whole number from {@code min} to {@code max}. */
    static ValueConverter<Integer> wholeNumber(String what, long min, long max) {
        return text -> {
            try {
                int value = Integer.parseInt(text.trim());
                if (value >= min && value <= max) {
                    return value;
                }
            } catch (NumberFormatException e) {
                // Refused below with the same message.
            }
            throw new TypeConversionException(
                    what + ": '" + text + "' is not a whole number from " + min + " to " + max + ".");
        };
    }

    /** A TCP port; 0 picks a free one. */
    static ValueConverter<Integer> port(String what) {
        return text -> {
            try {
                int port = Integer.parseInt(text.trim());
                if (port >= 0 && port <= 65535) {
                    return port;
                }
            } catch (NumberFormatException e) {
                // Refused below with the same message.
            }
            throw refused(what, text, "is not a port number (0-65535; 0 picks a free port)");
        };
    }

    /** An absolute http or https URL. */
    static ValueConverter<URI> httpUrl(String what) {
        return text -> {
            URI uri;
            try {
                uri = new URI(text);
            } catch (URISyntaxException e) {
                throw refused(what, text, "is not a URL, e.g. https://api.example.com");
            }
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw refused(what, text, "is not an http(s) URL, e.g. https://api.example.com");
            }
            return uri;
        };
    }

    /** A JDBC URL, such as {@code jdbc:postgresql://db/mcp}. */
    static ValueConverter<String> jdbcUrl(String what) {
        return text -> {
            if (!text.startsWith("jdbc:")) {
                throw refused(what, text, "is not a JDBC URL, e.g. jdbc:postgresql://db.example.com:5432/mcp");
            }
            return text;
        };
    }

    /** A file or directory name. */
    static ValueConverter<Path> path(String what) {
        return text -> {
            try {
                return Path.of(text);
            } catch (InvalidPathException e) {
                throw refused(what, text, "is not a file name: " + e.getReason() + ".");
            }
        };
    }

    /** {@code all} or {@code discovery}, in any case. */
    static ValueConverter<ToolExposure> toolExposure(String what) {
        return text -> ToolExposure.fromLabel(text.trim().toLowerCase(Locale.ROOT))
                .orElseThrow(() -> refused(what, text, "is neither all nor discovery."));
    }

    /** On or off: {@code true}/{@code false}, {@code on}/{@code off}, {@code yes}/{@code no}, {@code 1}/{@code 0}. */
    static ValueConverter<Boolean> onOff(String what) {
        return text -> switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true", "on", "yes", "1" -> Boolean.TRUE;
            case "false", "off", "no", "0" -> Boolean.FALSE;
            default -> throw refused(what, text, "is neither true nor false (on/off, yes/no and 1/0 work too).");
        };
    }

    /** {@code 90m}, {@code 24h}, {@code 7d}, {@code 3600s}, or ISO 8601 such as {@code PT24H}. */
    static ValueConverter<Duration> duration(String what) {
        return text -> {
            Matcher m = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
            if (m.matches()) {
                long amount = Long.parseLong(m.group(1));
                return switch (m.group(2)) {
                    case "s" -> Duration.ofSeconds(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    case "h" -> Duration.ofHours(amount);
                    default -> Duration.ofDays(amount);
                };
            }
            try {
                return Duration.parse(text.trim());
            } catch (DateTimeParseException e) {
                throw refused(what, text, "is not a duration; write a number and a unit, e.g. 90m, 24h or 7d");
            }
        };
    }

    private static TypeConversionException refused(String what, String text, String problem) {
        return new TypeConversionException(what + ": '" + text + "' " + problem);
    }
}
