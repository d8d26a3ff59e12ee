package io.calcommcp.server.config;

import java.util.Objects;
import java.util.Optional;

/**
 * The admin API's listener, which runs only when an admin token is configured.
 *
 * @param token the token every admin request must carry; never logged
 * @param tokenVariable the environment variable it comes from, for messages
 * @param host the address to bind
 * @param port the port; 0 picks a free one
 */
public record AdminConfig(Optional<String> token, String tokenVariable, String host, int port) {

    /** The shortest admin token accepted: a guessable one would hand out every account. */
    public static final int MINIMUM_TOKEN_LENGTH = 16;

    /** Loopback: the admin token can do everything, so the API is not reachable from elsewhere by default. */
    public static final String DEFAULT_HOST = "127.0.0.1";

    public static final int DEFAULT_PORT = 8081;

    public AdminConfig {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(tokenVariable, "tokenVariable");
        Objects.requireNonNull(host, "host");
    }

    /** No admin API. */
    public static AdminConfig off(String tokenVariable) {
        return new AdminConfig(Optional.empty(), tokenVariable, DEFAULT_HOST, DEFAULT_PORT);
    }

    /** Never prints the token. */
    @Override
    public String toString() {
        return "AdminConfig[" + (token.isPresent() ? host + ":" + port : "off") + ", token=<redacted>]";
    }
}
