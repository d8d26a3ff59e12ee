package io.calcommcp.server.upstream;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/** Replaces every occurrence of a secret in a body, as bytes, before anything else reads it. */
final class Redaction {

    private Redaction() {}

    /**
     * {@code body} with each {@code secret} replaced by {@code replacement}; {@code body} itself
     * when the secret does not occur, which is nearly always.
     */
    static byte[] replace(byte[] body, byte[] secret, byte[] replacement) {
        int[] shift = shifts(secret);
        int at = indexOf(body, secret, shift, 0);
        if (at < 0) {
            return body;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length);
        int from = 0;
        for (; at >= 0; at = indexOf(body, secret, shift, from)) {
            out.write(body, from, at - from);
            out.write(replacement, 0, replacement.length);
            from = at + secret.length;
        }
        out.write(body, from, body.length - from);
        return out.toByteArray();
    }

    /**
     * How far the search window moves when its last byte is {@code b} (Horspool): for a
     * 40-character key that skips most of a body instead of testing every byte, and every answer
     * is searched.
     */
    private static int[] shifts(byte[] needle) {
        int[] shift = new int[256];
        Arrays.fill(shift, Math.max(1, needle.length));
        for (int i = 0; i < needle.length - 1; i++) {
            shift[needle[i] & 0xff] = needle.length - 1 - i;
        }
        return shift;
    }

    /** Where {@code needle} first occurs in {@code haystack} at or after {@code from}, or -1. */
    private static int indexOf(byte[] haystack, byte[] needle, int[] shift, int from) {
        int n = needle.length;
        if (n == 0) {
            return -1;
        }
        byte last = needle[n - 1];
        for (int at = from; at <= haystack.length - n; ) {
            byte b = haystack[at + n - 1];
            if (b == last && Arrays.equals(haystack, at, at + n - 1, needle, 0, n - 1)) {
                return at;
            }
            at += shift[b & 0xff];
        }
        return -1;
    }
}
