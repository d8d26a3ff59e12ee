package io.calcommcp.server.upstream;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.hc.client5.http.auth.AuthScope;
import org.apache.hc.client5.http.auth.UsernamePasswordCredentials;
import org.apache.hc.client5.http.impl.auth.BasicCredentialsProvider;
import org.apache.hc.core5.net.InetAddressUtils;

/**
 * Which HTTP proxy, if any, a request to the API goes through: the JVM's proxy properties when
 * they name one ({@code https.proxyHost}, {@code http.proxyHost}, {@code http.nonProxyHosts},
 * {@code java.net.useSystemProxies}), otherwise the environment's {@code HTTPS_PROXY} and {@code
 * HTTP_PROXY} (lower case first, as curl reads them) with the exceptions {@code NO_PROXY} lists.
 * A corporate network often lets nothing out any other way.
 *
 * <p>Loopback hosts never go through an environment proxy, and a proxy is only ever an {@code
 * http://} one (a request to an https API goes through it as a tunnel, end to end encrypted). A
 * proxy's user name and password, if its URL carries them, are sent to that proxy only.
 */
final class UpstreamProxies extends ProxySelector {

    /** A proxy named by the environment: where it is and, if it asks for them, its credentials. */
    record ProxyAddress(String host, int port, Optional<UsernamePasswordCredentials> credentials) {

        /** Never prints the password. */
        @Override
        public String toString() {
            return "http://" + host + ":" + port
                    + credentials.map(c -> " (with a user name)").orElse("");
        }
    }

    private final ProxySelector jvm;
    private final Optional<ProxyAddress> https;
    private final Optional<ProxyAddress> http;
    private final List<String> noProxy;

    private UpstreamProxies(
            ProxySelector jvm, Optional<ProxyAddress> https, Optional<ProxyAddress> http, List<String> noProxy) {
        this.jvm = jvm;
        this.https = https;
        this.http = http;
        this.noProxy = noProxy;
    }

    /**
     * The proxies {@code environment} names, after those of the JVM's properties ({@code jvm}, which
     * may be null).
     *
     * @throws IllegalArgumentException if a proxy variable is not an {@code http://host:port} URL
     */
    static UpstreamProxies of(Map<String, String> environment, ProxySelector jvm) {
        return new UpstreamProxies(
                jvm,
                variable(environment, "https_proxy").map(value -> address("HTTPS_PROXY", value)),
                variable(environment, "http_proxy").map(value -> address("HTTP_PROXY", value)),
                variable(environment, "no_proxy").map(UpstreamProxies::entries).orElse(List.of()));
    }

    /** No proxy at all, whatever the environment says. */
    static UpstreamProxies none() {
        return new UpstreamProxies(null, Optional.empty(), Optional.empty(), List.of());
    }

    @Override
    public List<Proxy> select(URI uri) {
        if (jvm != null) {
            List<Proxy> chosen = jvm.select(uri);
            if (chosen != null && chosen.stream().anyMatch(p -> p.type() == Proxy.Type.HTTP)) {
                return chosen;
            }
        }
        String host = bare(uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT));
        Optional<ProxyAddress> proxy = "https".equalsIgnoreCase(uri.getScheme()) ? https : http;
        if (proxy.isEmpty() || isLoopback(host) || excepted(host, port(uri))) {
            return List.of(Proxy.NO_PROXY);
        }
        // Unresolved: the proxy resolves the API's host name, as a proxy in a closed network must.
        return List.of(new Proxy(
                Proxy.Type.HTTP,
                InetSocketAddress.createUnresolved(
                        proxy.get().host(), proxy.get().port())));
    }

    @Override
    public void connectFailed(URI uri, SocketAddress address, IOException failure) {
        // Nothing to learn: the call reports the failure itself.
    }

    /** The credentials of the environment's proxies, each for its own proxy only. */
    BasicCredentialsProvider credentials() {
        BasicCredentialsProvider provider = new BasicCredentialsProvider();
        for (Optional<ProxyAddress> proxy : List.of(https, http)) {
            proxy.ifPresent(p ->
                    p.credentials().ifPresent(c -> provider.setCredentials(new AuthScope(p.host(), p.port()), c)));
        }
        return provider;
    }

    /** Whether some proxy asks for a user name and password. */
    boolean hasCredentials() {
        return https.flatMap(ProxyAddress::credentials).isPresent()
                || http.flatMap(ProxyAddress::credentials).isPresent();
    }

    /** The environment's proxy for {@code scheme} requests, if it names one. */
    Optional<ProxyAddress> environmentProxy(String scheme) {
        return scheme.equals("https") ? https : http;
    }

    // --- reading the environment

    private static Optional<String> variable(Map<String, String> environment, String lowerCaseName) {
        String value = environment.get(lowerCaseName);
        if (value == null || value.isBlank()) {
            value = environment.get(lowerCaseName.toUpperCase(Locale.ROOT));
        }
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    private static ProxyAddress address(String variable, String value) {
        String text = value.contains("://") ? value : "http://" + value;
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(variable + " is not a URL; give it as http://host:port.");
        }
        if (!"http".equalsIgnoreCase(uri.getScheme())) {
            throw new IllegalArgumentException(variable + " uses " + uri.getScheme()
                    + "://, which this server cannot speak to a proxy; give an http://host:port proxy.");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException(variable + " names no host; give it as http://host:port.");
        }
        Optional<UsernamePasswordCredentials> credentials = Optional.ofNullable(uri.getRawUserInfo())
                .map(info -> {
                    int colon = info.indexOf(':');
                    String user = decode(colon < 0 ? info : info.substring(0, colon));
                    String password = colon < 0 ? "" : decode(info.substring(colon + 1));
                    return new UsernamePasswordCredentials(user, password.toCharArray());
                });
        return new ProxyAddress(bare(uri.getHost()), uri.getPort() < 0 ? 80 : uri.getPort(), credentials);
    }

    private static String decode(String text) {
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** {@code NO_PROXY}'s entries, in lower case, without a leading {@code *.} or {@code .}. */
    private static List<String> entries(String value) {
        List<String> entries = new ArrayList<>();
        for (String entry : value.split(",")) {
            String e = entry.trim().toLowerCase(Locale.ROOT);
            if (e.startsWith("*.")) {
                e = e.substring(2);
            } else if (e.startsWith(".")) {
                e = e.substring(1);
            }
            if (!e.isEmpty()) {
                entries.add(e);
            }
        }
        return List.copyOf(entries);
    }

    // --- matching a host against NO_PROXY

    /**
     * Whether {@code NO_PROXY} exempts {@code host}: {@code *}; the host itself or a domain above it
     * ({@code example.com} covers {@code api.example.com}); an IP address, or a range of them in CIDR
     * notation ({@code 10.0.0.0/8}); each optionally with {@code :port}.
     */
    private boolean excepted(String host, int port) {
        for (String entry : noProxy) {
            if (entry.equals("*")) {
                return true;
            }
            String name = entry;
            int entryPort = -1;
            int colon = entry.lastIndexOf(':');
            boolean bracketed = entry.startsWith("[");
            if (colon > 0 && (bracketed ? entry.lastIndexOf(']') < colon : entry.indexOf(':') == colon)) {
                try {
                    entryPort = Integer.parseInt(entry.substring(colon + 1));
                    name = entry.substring(0, colon);
                } catch (NumberFormatException e) {
                    continue;
                }
            }
            name = bare(name);
            if (entryPort >= 0 && entryPort != port) {
                continue;
            }
            if (name.contains("/") ? inRange(host, name) : host.equals(name) || host.endsWith("." + name)) {
                return true;
            }
        }
        return false;
    }

    private static boolean inRange(String host, String cidr) {
        int slash = cidr.indexOf('/');
        String network = cidr.substring(0, slash);
        if (!isIpLiteral(host) || !isIpLiteral(network)) {
            return false;
        }
        try {
            byte[] address = InetAddress.getByName(host).getAddress();
            byte[] range = InetAddress.getByName(network).getAddress();
            int bits = Integer.parseInt(cidr.substring(slash + 1));
            if (address.length != range.length || bits < 0 || bits > address.length * 8) {
                return false;
            }
            for (int i = 0; i < bits; i++) {
                int mask = 0x80 >> (i % 8);
                if ((address[i / 8] & mask) != (range[i / 8] & mask)) {
                    return false;
                }
            }
            return true;
        } catch (IOException | NumberFormatException e) {
            return false;
        }
    }

    private static boolean isLoopback(String host) {
        if (host.equals("localhost") || host.endsWith(".localhost")) {
            return true;
        }
        try {
            // Only a literal is looked at, so no name is resolved here.
            return isIpLiteral(host) && InetAddress.getByName(host).isLoopbackAddress();
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean isIpLiteral(String host) {
        return InetAddressUtils.isIPv4(host) || InetAddressUtils.isIPv6(host);
    }

    private static String bare(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static int port(URI uri) {
        return uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }
}
