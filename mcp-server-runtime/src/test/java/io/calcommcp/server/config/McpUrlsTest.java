package io.calcommcp.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class McpUrlsTest {

    @Test
    void aBarePublicUrlGetsTheMcpPath() {
        McpUrls urls = new McpUrls(URI.create("https://mcp.example.com/"));
        assertEquals("https://mcp.example.com/mcp", urls.singleKey());
        assertEquals("https://mcp.example.com/mcp/abc", urls.urlFor("abc"));
        assertEquals("https://mcp.example.com/mcp/<token>", urls.pattern());
    }

    @Test
    void aPublicUrlEndingInMcpIsTheEndpointAndAPrefixIsKept() {
        assertEquals(
                "https://example.com/tools/mcp/t",
                new McpUrls(URI.create("https://example.com/tools/mcp/")).urlFor("t"));
        assertEquals("https://example.com/tools/mcp", new McpUrls(URI.create("https://example.com/tools")).singleKey());
    }

    @Test
    void credentialsQueryAndFragmentAreNeverShown() {
        McpUrls urls = new McpUrls(URI.create("https://bob:pass@mcp.example.com:8443/?k=secret#frag"));
        assertEquals("https://mcp.example.com:8443/mcp/<token>", urls.pattern());
    }

    @Test
    void withoutAPublicUrlTheListenAddressAsAClientReachesIt() {
        assertEquals(
                "http://127.0.0.1:8080/mcp",
                McpUrls.of(Optional.empty(), "0.0.0.0", 8080).singleKey());
        assertEquals(
                "http://[::1]:9/mcp/<token>",
                McpUrls.of(Optional.empty(), "::1", 9).pattern());
        assertEquals(
                "https://x.example/mcp",
                McpUrls.of(Optional.of(URI.create("https://x.example")), "0.0.0.0", 8080)
                        .singleKey());
    }
}
