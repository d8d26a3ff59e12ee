package io.calcommcp.toolapi;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * How the server sends an account's secret to the API: in which header (or query parameter),
 * with which prefix, encoded how. The model never sees the secret, nor where it goes.
 *
 * @param header the request header, such as {@code Authorization}, or the query parameter's name
 * @param prefix written before the secret, such as {@code "Bearer "}; empty for a bare key
 * @param placement whether the secret goes in a header or the query string
 * @param encoding how the secret is written: as it is, or (HTTP Basic) {@code user:password} in base64
 */
public record CredentialScheme(String header, String prefix, Placement placement, Encoding encoding) {

    /** Where the secret goes. */
    public enum Placement {
        HEADER,
        QUERY
    }

    /** How the secret is written. */
    public enum Encoding {
        /** The secret as it is. */
        AS_IS,
        /** The secret ({@code user:password}) in base64, for HTTP Basic authentication. */
        BASE64
    }

    public CredentialScheme {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(placement, "placement");
        Objects.requireNonNull(encoding, "encoding");
        if (header.isBlank()) {
            throw new IllegalArgumentException("the credential header must not be blank");
        }
    }

    /** A header with a prefix, such as {@code Authorization: Token <secret>}. */
    public CredentialScheme(String header, String prefix) {
        this(header, prefix, Placement.HEADER, Encoding.AS_IS);
    }

    /** {@code Authorization: Bearer <secret>}. */
    public static CredentialScheme bearer() {
        return new CredentialScheme("Authorization", "Bearer ");
    }

    /** {@code <header>: <secret>}, such as an {@code X-API-Key} header. */
    public static CredentialScheme header(String header) {
        return new CredentialScheme(header, "");
    }

    /** {@code ?<parameter>=<secret>}, such as {@code ?api_key=...}. */
    public static CredentialScheme query(String parameter) {
        return new CredentialScheme(parameter, "", Placement.QUERY, Encoding.AS_IS);
    }

    /** {@code Authorization: Basic <base64 of user:password>}; the secret is {@code user:password}. */
    public static CredentialScheme basic() {
        return new CredentialScheme("Authorization", "Basic ", Placement.HEADER, Encoding.BASE64);
    }

    /** Whether the secret goes in the query string rather than a header. */
    public boolean inQuery() {
        return placement == Placement.QUERY;
    }

    /** The header (or query parameter) value that carries {@code secret}. */
    public String value(String secret) {
        return prefix
                + (encoding == Encoding.BASE64
                        ? Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8))
                        : secret);
    }
}
