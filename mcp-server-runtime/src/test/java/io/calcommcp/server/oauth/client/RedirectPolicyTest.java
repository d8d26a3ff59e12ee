package io.calcommcp.server.oauth.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which redirect URIs may be registered, by default and under an operator's list. */
class RedirectPolicyTest {

    @Test
    void byDefaultHttpsAnywhereAndHttpOnlyOnLoopback() {
        RedirectPolicy policy = RedirectPolicy.anyHttpsHost();
        for (String good : List.of(
                "https://chatgpt.com/connector/oauth/abc123",
                "https://chatgpt.com/connector_platform_oauth_redirect",
                "https://app.example/cb?x=1",
                "http://127.0.0.1:53682/callback",
                "http://localhost:8080/cb",
                "http://[::1]:9000/cb")) {
            assertEquals(Optional.empty(), policy.problem(good), good);
        }
        for (String bad : List.of(
                "http://app.example/cb",
                "http://10.0.0.5/cb",
                "https://app.example/cb#frag",
                "https://user@app.example/cb",
                "javascript:alert(1)",
                "data:text/html,x",
                "cb",
                "myapp://callback",
                "https:///nohost")) {
            assertTrue(policy.problem(bad).isPresent(), bad);
        }
    }

    @Test
    void aListNarrowsHostsAllowsWildcardsAndPrivateUseSchemes() {
        RedirectPolicy policy = RedirectPolicy.of(List.of("chatgpt.com", "*.example.org", "Cursor:"));
        assertEquals(Optional.empty(), policy.problem("https://chatgpt.com/connector/oauth/x"));
        assertEquals(Optional.empty(), policy.problem("https://a.example.org/cb"));
        assertEquals(Optional.empty(), policy.problem("cursor://anysphere.cursor/oauth"));
        assertEquals(Optional.empty(), policy.problem("http://127.0.0.1:1234/cb"), "loopback stays allowed");
        assertTrue(policy.problem("https://example.org/cb").isPresent(), "the wildcard is for subdomains");
        assertTrue(policy.problem("https://evilchatgpt.com/cb").isPresent());
        assertTrue(policy.problem("https://claude.ai/api/callback").get().contains("chatgpt.com"));
    }

    @Test
    void aBadEntryIsRefusedSayingWhatIsAccepted() {
        IllegalArgumentException refused =
                assertThrows(IllegalArgumentException.class, () -> RedirectPolicy.of(List.of("https://x.example/")));
        assertTrue(refused.getMessage().contains("host name such as chatgpt.com"), refused.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RedirectPolicy.of(List.of()));
    }
}
