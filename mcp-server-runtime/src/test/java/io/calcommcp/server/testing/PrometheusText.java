package io.calcommcp.server.testing;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads one sample out of a {@code /metrics} answer. */
public final class PrometheusText {

    private PrometheusText() {}

    /**
     * The value of {@code name{labels}}; {@code labels} as Prometheus writes them (sorted,
     * {@code a="x",b="y"}), or empty for a meter without labels.
     */
    public static double value(String text, String name, String labels) {
        Pattern line = Pattern.compile(
                "^" + Pattern.quote(name) + (labels.isEmpty() ? "" : "\\{" + Pattern.quote(labels) + "\\}")
                        + " (\\S+)$",
                Pattern.MULTILINE);
        Matcher matcher = line.matcher(text);
        if (!matcher.find()) {
            throw new AssertionError("no " + name + "{" + labels + "} in\n"
                    + text.lines().filter(l -> l.startsWith(name)).reduce("", (a, b) -> a + b + "\n"));
        }
        return Double.parseDouble(matcher.group(1));
    }
}
