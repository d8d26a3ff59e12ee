package io.calcommcp.toolapi;

import java.util.Objects;

/**
 * How the server sends an account's secret to the API: in which header, and with which prefix
 * before it. The model never sees the secret, nor the header.
 *
 * @param header the request header, such as {@code Authorization}
 * @param prefix written before the secret, such as {@code "Bearer "}; empty for a bare key
 */
public record CredentialScheme(String header, String prefix) {

    public CredentialScheme {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(prefix, "prefix");
        if (header.isBlank()) {
            throw new IllegalArgumentException("the credential header must not be blank");
        }
    }

    /** {@code Authorization: Bearer <secret>}. */
    public static CredentialScheme bearer() {
        return new CredentialScheme("Authorization", "Bearer ");
    }

    /** {@code <header>: <secret>}, such as an {@code X-API-Key} header. */
    public static CredentialScheme header(String header) {
        return new CredentialScheme(header, "");
    }

    /** The header value that carries {@code secret}. */
    public String value(String secret) {
        return prefix + secret;
    }
}
