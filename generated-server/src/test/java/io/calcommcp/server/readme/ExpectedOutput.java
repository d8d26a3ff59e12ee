package io.calcommcp.server.readme;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a command's output shows what a guide says it shows. Each expected line must match a whole
 * output line, in the guide's order; output lines between them are skipped. Runs of spaces count as
 * one, {@code ...} matches any text and {@code <word>} one word without spaces.
 */
final class ExpectedOutput {

    private static final Pattern WILDCARD = Pattern.compile("\\.\\.\\.|<[^<>\\s]+>");

    private ExpectedOutput() {}

    /** The first expected line that the output does not show, or empty when it shows them all. */
    static Optional<String> firstMissing(List<String> expected, List<String> output) {
        int next = 0;
        for (String line : expected) {
            Pattern pattern = pattern(line);
            while (next < output.size()
                    && !pattern.matcher(normalized(output.get(next))).matches()) {
                next++;
            }
            if (next == output.size()) {
                return Optional.of(line);
            }
            next++;
        }
        return Optional.empty();
    }

    /** Whether the output shows all of {@code expected} so far. */
    static boolean shows(List<String> expected, List<String> output) {
        return firstMissing(expected, output).isEmpty();
    }

    static Pattern pattern(String expectedLine) {
        String line = normalized(expectedLine);
        StringBuilder regex = new StringBuilder();
        Matcher wildcard = WILDCARD.matcher(line);
        int at = 0;
        while (wildcard.find()) {
            regex.append(Pattern.quote(line.substring(at, wildcard.start())));
            regex.append(wildcard.group().equals("...") ? ".*" : "\\S+");
            at = wildcard.end();
        }
        regex.append(Pattern.quote(line.substring(at)));
        return Pattern.compile(regex.toString());
    }

    private static String normalized(String line) {
        return line.strip().replaceAll("\\s+", " ");
    }
}
