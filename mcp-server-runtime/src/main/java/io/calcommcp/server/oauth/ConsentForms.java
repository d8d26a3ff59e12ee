package io.calcommcp.server.oauth;

import io.calcommcp.server.store.Tokens;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The consent form's CSRF token: an HMAC-SHA256, under a key every replica shares, of the
 * authorization request the page was shown for, the browser's own random nonce (kept in a
 * {@code SameSite=Strict}, {@code HttpOnly} cookie) and an expiry. A form posted from another
 * site, for another request, from another browser, or after {@link
 * OAuthSettings#CONSENT_FORM_LIFETIME}, does not carry a token that verifies; nothing is stored per
 * page shown.
 */
final class ConsentForms {

    private static final String VERSION = "v1";

    private final Supplier<byte[]> key;
    private final Clock clock;

    /** @param key the shared key, asked for when a form is signed or checked */
    ConsentForms(Supplier<byte[]> key, Clock clock) {
        this.key = key;
        this.clock = clock;
    }

    /** A new browser nonce, for the cookie. */
    static String newNonce() {
        return Tokens.newToken();
    }

    /** The token for a form showing {@code request} to the browser with {@code nonce}. */
    String sign(String nonce, Map<String, String> request) {
        long expires = clock.instant().plus(OAuthSettings.CONSENT_FORM_LIFETIME).getEpochSecond();
        return expires + "." + mac(expires, nonce, request);
    }

    /** Whether {@code token} was made by {@link #sign} for this nonce and request, and has not expired. */
    boolean verify(String token, String nonce, Map<String, String> request) {
        int dot = token.indexOf('.');
        if (dot < 1 || !Tokens.looksLikeToken(nonce)) {
            return false;
        }
        long expires;
        try {
            expires = Long.parseLong(token.substring(0, dot));
        } catch (NumberFormatException e) {
            return false;
        }
        if (!clock.instant().isBefore(Instant.ofEpochSecond(expires))) {
            return false;
        }
        byte[] expected = mac(expires, nonce, request).getBytes(StandardCharsets.US_ASCII);
        byte[] given = token.substring(dot + 1).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, given);
    }

    private String mac(long expires, String nonce, Map<String, String> request) {
        // Each part with its length, so that no two different inputs read as the same text.
        StringBuilder input = new StringBuilder(VERSION).append('|').append(expires);
        append(input, nonce);
        SortedMap<String, String> sorted = new TreeMap<>(request);
        sorted.forEach((name, value) -> {
            append(input, name);
            append(input, value);
        });
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.get(), "HmacSHA256"));
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(mac.doFinal(input.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is always available", e);
        }
    }

    private static void append(StringBuilder input, String part) {
        input.append('|').append(part.length()).append(':').append(part);
    }
}
