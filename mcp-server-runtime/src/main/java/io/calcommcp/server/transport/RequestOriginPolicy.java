package io.calcommcp.server.transport;

import io.modelcontextprotocol.server.transport.DefaultServerTransportSecurityValidator;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * DNS-rebinding protection: which {@code Host} and {@code Origin} headers the MCP endpoint accepts.
 *
 * <p>A browser page can make a victim's browser talk to a server on localhost by rebinding its own
 * host name to 127.0.0.1; such requests carry the attacker's {@code Host} and {@code Origin}. Only
 * loopback names, the public URL's host and hosts or origins configured explicitly are accepted;
 * others get 421 or 403 before any MCP handling.
 *
 * @param allowedHosts extra {@code Host} values, such as {@code 10.0.0.5:8080}
 * @param allowedOrigins extra {@code Origin} values
 * @param publicUrl the URL clients use through a proxy or tunnel; its host and origin are allowed
 */
public record RequestOriginPolicy(List<String> allowedHosts, List<String> allowedOrigins, Optional<URI> publicUrl) {

    private static final List<String> LOOPBACK_HOSTS = List.of("localhost", "127.0.0.1", "[::1]");

    // ChatGPT's connector may send its web origin; it is not an origin an attacker controls.
    private static final List<String> KNOWN_CLIENT_ORIGINS = List.of("https://chatgpt.com", "https://chat.openai.com");

    public RequestOriginPolicy {
        allowedHosts = List.copyOf(allowedHosts);
        allowedOrigins = List.copyOf(allowedOrigins);
    }

    /** The SDK validator that enforces the policy. */
    public DefaultServerTransportSecurityValidator validator() {
        List<String> hosts = new ArrayList<>();
        List<String> origins = new ArrayList<>(KNOWN_CLIENT_ORIGINS);
        for (String loopback : LOOPBACK_HOSTS) {
            hosts.add(loopback + ":*");
            origins.add("http://" + loopback + ":*");
            origins.add("https://" + loopback + ":*");
        }
        hosts.addAll(allowedHosts);
        origins.addAll(allowedOrigins);
        publicUrl.ifPresent(url -> {
            hosts.add(url.getHost() + ":*");
            origins.add(url.getScheme() + "://" + url.getHost() + ":*");
        });
        return DefaultServerTransportSecurityValidator.builder()
                .allowedHosts(hosts)
                .allowedOrigins(origins)
                .build();
    }
}
