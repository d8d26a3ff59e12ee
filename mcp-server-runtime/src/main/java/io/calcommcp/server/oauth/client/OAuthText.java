package io.calcommcp.server.oauth.client;

/**
 * Text for OAuth error descriptions, which RFC 6749 (section 5.2) limits to printable ASCII
 * without {@code "} and {@code \}: anything else is replaced, so that a description built from a
 * client's input can always be sent.
 */
public final class OAuthText {

    private static final int MAX_LENGTH = 500;

    private OAuthText() {}

    /** {@code text} with every character outside the allowed set replaced by {@code ?} (and {@code "} by {@code '}). */
    public static String legal(String text) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_LENGTH));
        for (int i = 0; i < text.length() && out.length() < MAX_LENGTH; i++) {
            char c = text.charAt(i);
            if (c == '"') {
                out.append('\'');
            } else if (c < 0x20 || c > 0x7e || c == '\\') {
                out.append('?');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
