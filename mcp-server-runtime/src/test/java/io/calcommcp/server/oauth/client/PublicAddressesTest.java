package io.calcommcp.server.oauth.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The SSRF guard's view of addresses: only public internet addresses pass. */
class PublicAddressesTest {

    @Test
    void everyNonPublicRangeIsRefused() throws Exception {
        for (String address : List.of(
                "0.0.0.0",
                "10.1.2.3",
                "100.64.0.1",
                "127.0.0.1",
                "127.255.0.9",
                "169.254.169.254",
                "172.16.0.1",
                "172.31.255.255",
                "192.0.0.8",
                "192.0.2.1",
                "192.168.1.1",
                "198.18.0.1",
                "198.51.100.7",
                "203.0.113.9",
                "224.0.0.1",
                "240.0.0.1",
                "255.255.255.255",
                "::",
                "::1",
                "fe80::1",
                "fc00::1",
                "fd12:3456::1",
                "ff02::1",
                "::ffff:127.0.0.1",
                "::ffff:10.0.0.1",
                "64:ff9b::a00:1",
                "2002:7f00:1::1",
                "2001:db8::1",
                "2001:0:4136:e378::1")) {
            assertFalse(PublicAddresses.isPublic(InetAddress.getByName(address)), address);
        }
    }

    @Test
    void publicAddressesPass() throws Exception {
        for (String address : List.of(
                "8.8.8.8", "1.1.1.1", "172.32.0.1", "100.128.0.1", "2606:4700:4700::1111", "64:ff9b::808:808")) {
            assertTrue(PublicAddresses.isPublic(InetAddress.getByName(address)), address);
        }
    }

    @Test
    void theResolverRefusesANameWithAnyNonPublicAddress_andReturnsWhatItChecked() throws Exception {
        PublicAddresses guard = new PublicAddresses(false);
        assertThrows(PublicAddresses.NonPublicAddressException.class, () -> guard.resolve("localhost"));
        assertThrows(PublicAddresses.NonPublicAddressException.class, () -> guard.resolve("127.0.0.1", 443));
        InetAddress[] literal = guard.resolve("8.8.8.8");
        assertArrayEquals(new InetAddress[] {InetAddress.getByName("8.8.8.8")}, literal);
        assertEquals(
                List.of(new InetSocketAddress(InetAddress.getByName("8.8.8.8"), 443)), guard.resolve("8.8.8.8", 443));
        assertEquals(1, new PublicAddresses(true).resolve("127.0.0.1").length, "the test flag lets loopback through");
    }
}
