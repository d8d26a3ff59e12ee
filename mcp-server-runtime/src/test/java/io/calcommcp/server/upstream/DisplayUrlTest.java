package io.calcommcp.server.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** Shown URLs keep scheme, host, port and path, and lose user info, query and fragment. */
class DisplayUrlTest {

    @Test
    void dropsUserInfoQueryAndFragment() {
        assertEquals(
                "https://api.example.com:8443/base/v2",
                DisplayUrl.of(URI.create("https://alice:s3cret@api.example.com:8443/base/v2?token=t0k#frag")));
        assertEquals("http://[::1]:9000", DisplayUrl.of(URI.create("http://user@[::1]:9000")));
        assertEquals("https://api.tempo.example", DisplayUrl.of(URI.create("https://api.tempo.example")));
        assertEquals("https://api.tempo.example/", DisplayUrl.of(URI.create("https://api.tempo.example/")));
    }

    @Test
    void anAtSignInThePasswordIsCutToo() {
        assertEquals("https://h.example.com/p", DisplayUrl.of(URI.create("https://u:p%40ss@wo@h.example.com/p")));
    }
}
