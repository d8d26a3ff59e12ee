package io.calcommcp.codegen.rules;

import java.util.regex.Pattern;

/**
 * A simple wildcard pattern: {@code *} matches any run of characters (within one path segment
 * when the pattern is a path), {@code **} matches across path segments, {@code ?} one character.
 */
public final class Glob {

    private final String text;
    private final Pattern pattern;

    private Glob(String text, Pattern pattern) {
        this.text = text;
        this.pattern = pattern;
    }

    /** A pattern for names such as operation ids and tags: {@code *} matches anything. */
    public static Glob ofName(String text) {
        return new Glob(text, compile(text, false));
    }

    /** A pattern for URL paths: {@code *} stays within one segment, {@code **} crosses them. */
    public static Glob ofPath(String text) {
        return new Glob(text, compile(text, true));
    }

    /** Whether the pattern has wildcards, i.e. is meant to match several things. */
    public boolean isWildcard() {
        return text.contains("*") || text.contains("?");
    }

    public boolean matches(String value) {
        return value != null && pattern.matcher(value).matches();
    }

    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }

    private static Pattern compile(String glob, boolean path) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                regex.append(".*");
                i++;
            } else if (c == '*') {
                regex.append(path ? "[^/]*" : ".*");
            } else if (c == '?') {
                regex.append(path ? "[^/]" : ".");
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }
}
