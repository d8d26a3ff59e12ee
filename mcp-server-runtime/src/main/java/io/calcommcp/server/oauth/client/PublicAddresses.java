package io.calcommcp.server.oauth.client;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import org.apache.hc.client5.http.DnsResolver;

/**
 * The guard against server-side request forgery when the server fetches a URL a client chose: the
 * host is resolved here, every address is checked, and the connection goes to exactly the checked
 * addresses (the HTTP client asks this resolver and connects to what it returns), so a name that
 * resolves differently a moment later (DNS rebinding) cannot reach anything else. A name with any
 * address that is not public on the internet is refused as a whole: loopback, private (RFC 1918),
 * shared (100.64/10), link-local, unique-local, multicast, the unspecified address, documentation
 * and reserved ranges, and IPv6 forms that embed such an IPv4 address.
 */
public final class PublicAddresses implements DnsResolver {

    private final boolean allowNonPublic;

    /**
     * @param allowNonPublic lets loopback and private addresses through: for tests, and for a
     *     server whose clients publish their documents on a private network
     */
    public PublicAddresses(boolean allowNonPublic) {
        this.allowNonPublic = allowNonPublic;
    }

    /** A host name refused because of where it points. */
    public static final class NonPublicAddressException extends UnknownHostException {
        private static final long serialVersionUID = 1L;

        NonPublicAddressException(String host) {
            super(host + " resolves to an address that is not public (loopback, private or reserved)");
        }
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        InetAddress[] addresses = InetAddress.getAllByName(host);
        if (!allowNonPublic) {
            for (InetAddress address : addresses) {
                if (!isPublic(address)) {
                    throw new NonPublicAddressException(host);
                }
            }
        }
        return addresses;
    }

    @Override
    public List<InetSocketAddress> resolve(String host, int port) throws UnknownHostException {
        return Arrays.stream(resolve(host))
                .map(address -> new InetSocketAddress(address, port))
                .toList();
    }

    /** No reverse lookups: the name as given is the name TLS checks. */
    @Override
    public String resolveCanonicalHostname(String host) {
        return host;
    }

    /** Whether {@code address} is a public internet address. */
    public static boolean isPublic(InetAddress address) {
        if (address.isAnyLocalAddress()
                || address.isLoopbackAddress()
                || address.isLinkLocalAddress()
                || address.isSiteLocalAddress()
                || address.isMulticastAddress()) {
            return false;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return isPublicV4(b, 0);
        }
        if (address instanceof Inet6Address) {
            return isPublicV6(b);
        }
        return false;
    }

    private static boolean isPublicV4(byte[] b, int at) {
        int a0 = b[at] & 0xff;
        int a1 = b[at + 1] & 0xff;
        int a2 = b[at + 2] & 0xff;
        return !(a0 == 0 // "this network"
                || a0 == 10
                || a0 == 127
                || (a0 == 100 && (a1 & 0xc0) == 64) // shared address space, 100.64/10
                || (a0 == 169 && a1 == 254)
                || (a0 == 172 && (a1 & 0xf0) == 16)
                || (a0 == 192 && a1 == 168)
                || (a0 == 192 && a1 == 0 && (a2 == 0 || a2 == 2)) // IETF protocol assignments, TEST-NET-1
                || (a0 == 198 && (a1 == 18 || a1 == 19)) // benchmarking
                || (a0 == 198 && a1 == 51 && a2 == 100) // TEST-NET-2
                || (a0 == 203 && a1 == 0 && a2 == 113) // TEST-NET-3
                || a0 >= 224); // multicast, reserved, broadcast
    }

    private static boolean isPublicV6(byte[] b) {
        int first = b[0] & 0xff;
        if ((first & 0xfe) == 0xfc // unique local, fc00::/7
                || first == 0xff // multicast
                || (first == 0xfe && (b[1] & 0xc0) == 0x80) // link-local fe80::/10
                || (first == 0xfe && (b[1] & 0xc0) == 0xc0)) { // site-local fec0::/10 (deprecated)
            return false;
        }
        if (allZero(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
            return isPublicV4(b, 12); // IPv4-mapped ::ffff:a.b.c.d
        }
        if (allZero(b, 0, 12)) {
            return false; // ::, ::1 and the deprecated IPv4-compatible ::a.b.c.d
        }
        if (b[0] == 0x00 && b[1] == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b && allZero(b, 4, 12)) {
            return isPublicV4(b, 12); // NAT64 64:ff9b::/96
        }
        if (b[0] == 0x20 && b[1] == 0x02) {
            return isPublicV4(b, 2); // 6to4 2002::/16 embeds an IPv4 address
        }
        if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x00 && b[3] == 0x00) {
            return false; // Teredo 2001::/32: where it leads cannot be told here
        }
        if (b[0] == 0x20 && b[1] == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8) {
            return false; // documentation 2001:db8::/32
        }
        return !(b[0] == 0x01 && b[1] == 0x00 && allZero(b, 2, 8)); // discard-only 100::/64
    }

    private static boolean allZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
