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

    /** Where {@code needle} first occurs in {@code haystack} at or after {@code from}, or -1. */
    static int indexOf(byte[] haystack, byte[] needle, int from) {
        if (needle.length == 0) {
            return -1;
        }
        byte first = needle[0];
        int last = haystack.length - needle.length;
        outer:
        for (int i = from; i <= last; i++) {
            if (haystack[i] != first) {
                continue;
            }
            for (int j = 1; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
