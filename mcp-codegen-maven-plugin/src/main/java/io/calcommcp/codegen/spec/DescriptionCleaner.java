package io.calcommcp.codegen.spec;

import java.util.regex.Pattern;

/**
 * Turns API documentation prose into text that helps a model: MDX components and HTML tags
 * ({@code <Note>}, {@code <Warning>}, {@code <br/>}) are removed but their text is kept,
 * whitespace is collapsed, and very long text is cut at a sentence boundary.
 */
public final class DescriptionCleaner {

    /** Tool descriptions longer than this are cut; models read every tool's description on every turn. */
    public static final int MAX_LENGTH = 1200;

    private static final Pattern TAG = Pattern.compile("</?[A-Za-z][A-Za-z0-9]*(\\s+[^<>]*)?/?>");
    private static final Pattern MDX_EXPRESSION = Pattern.compile("\\{/\\*.*?\\*/\\}", Pattern.DOTALL);
    private static final Pattern MARKDOWN_LINK = Pattern.compile("\\[([^\\]]+)]\\(([^)\\s]+)\\)");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private DescriptionCleaner() {}

    /** Cleans {@code text}; never returns null. */
    public static String clean(String text) {
        return clean(text, Integer.MAX_VALUE);
    }

    /** Cleans {@code text} and cuts it to at most {@code maxLength} characters. */
    public static String clean(String text, int maxLength) {
        if (text == null) {
            return "";
        }
        String out = MDX_EXPRESSION.matcher(text).replaceAll(" ");
        out = TAG.matcher(out).replaceAll(" ");
        out = MARKDOWN_LINK.matcher(out).replaceAll("$1 ($2)");
        out = out.replace("&nbsp;", " ")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&amp;", "&");
        out = WHITESPACE.matcher(out).replaceAll(" ").trim();
        out = out.replace(" .", ".").replace(" ,", ",");
        return cut(out, maxLength);
    }

    private static String cut(String text, int maxLength) {
        if (text.length() <= maxLength) {
            return text;
        }
        int sentenceEnd = text.lastIndexOf(". ", maxLength - 1);
        if (sentenceEnd > maxLength / 2) {
            return text.substring(0, sentenceEnd + 1);
        }
        int wordEnd = text.lastIndexOf(' ', maxLength - 1);
        return text.substring(0, wordEnd > 0 ? wordEnd : maxLength - 1) + "…";
    }
}
