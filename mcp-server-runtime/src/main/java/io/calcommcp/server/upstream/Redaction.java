package io.calcommcp.server.upstream;

import java.util.Arrays;

/** Replaces every occurrence of a secret in a body, as bytes, before anything else reads it. */
final class Redaction {

    private Redaction() {}

    /**
     * {@code body} with each {@code secret} replaced by {@code replacement}; {@code body} itself
     * when the secret does not occur, which is nearly always.
     */
    static byte[] replace(byte[] body, byte[] secret, byte[] replacement) {
        int at = indexOf(body, secret, 0);
        if (at < 0 || secret.length == 0) {
            return body;
        }
        byte[] out =
                new byte[body.length + Math.max(0, replacement.length - secret.length) * countFrom(body, secret, at)];
        int size = 0;
        int from = 0;
        while (at >= 0) {
            System.arraycopy(body, from, out, size, at - from);
            size += at - from;
            System.arraycopy(replacement, 0, out, size, replacement.length);
            size += replacement.length;
            from = at + secret.length;
            at = indexOf(body, secret, from);
        }
        System.arraycopy(body, from, out, size, body.length - from);
        size += body.length - from;
        return Arrays.copyOf(out, size);
    }

    private static int countFrom(byte[] body, byte[] secret, int first) {
        int count = 0;
        for (int at = first; at >= 0; at = indexOf(body, secret, at + secret.length)) {
            count++;
        }
        return count;
    }

    /**
     * Where {@code needle} first occurs in {@code haystack} at or after {@code from}, or -1. The
     * window's last byte decides how far to move (Horspool): for a 40-character key that skips
     * most of a body instead of testing every byte, and every answer is searched.
     */
    static int indexOf(byte[] haystack, byte[] needle, int from) {
        int n = needle.length;
        if (n == 0) {
            return -1;
        }
        int[] shift = new int[256];
        Arrays.fill(shift, n);
        for (int i = 0; i < n - 1; i++) {
            shift[needle[i] & 0xff] = n - 1 - i;
        }
        byte last = needle[n - 1];
        for (int at = from; at <= haystack.length - n; ) {
            byte b = haystack[at + n - 1];
            if (b == last && matches(haystack, at, needle)) {
                return at;
            }
            at += shift[b & 0xff];
        }
        return -1;
    }

    private static boolean matches(byte[] haystack, int at, byte[] needle) {
        for (int j = 0; j < needle.length - 1; j++) {
            if (haystack[at + j] != needle[j]) {
                return false;
            }
        }
        return true;
    }
}
