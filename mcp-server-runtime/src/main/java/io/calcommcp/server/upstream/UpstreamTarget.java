package io.calcommcp.server.upstream;

import io.calcommcp.toolapi.CredentialScheme;
import java.net.URI;
import java.util.Objects;

/**
 * Where one call goes and with which credentials: the account's base URL and the header that
 * carries its secret. Built per call, so that each account's key goes to its own requests only.
 *
 * @param baseUrl the API's base URL; request paths are appended to it
 * @param credentialHeader the header that carries the credential, or the query parameter
 * @param credentialValue the header's value, such as {@code Bearer <key>}
 * @param secret the secret inside that value, which must never leave in an answer
 * @param credentialInQuery whether the credential goes in the query string instead of a header
 */
public record UpstreamTarget(
        URI baseUrl, String credentialHeader, String credentialValue, String secret, boolean credentialInQuery) {

    public UpstreamTarget {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(credentialHeader, "credentialHeader");
        Objects.requireNonNull(credentialValue, "credentialValue");
        Objects.requireNonNull(secret, "secret");
        if (secret.isBlank()) {
            throw new IllegalArgumentException("The API key is empty");
        }
    }

    /** The target for {@code secret}, sent the way {@code scheme} says. */
    public static UpstreamTarget of(URI baseUrl, CredentialScheme scheme, String secret) {
        return new UpstreamTarget(baseUrl, scheme.header(), scheme.value(secret), secret, scheme.inQuery());
    }

    /** Never prints the credential. */
    @Override
    public String toString() {
        return "UpstreamTarget[" + DisplayUrl.of(baseUrl) + ", " + credentialHeader + ": <redacted>]";
    }
}
