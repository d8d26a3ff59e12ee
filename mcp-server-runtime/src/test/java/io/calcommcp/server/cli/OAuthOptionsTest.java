package io.calcommcp.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.calcommcp.server.config.OAuthConfig;
import io.calcommcp.server.config.ServerConfig;
import io.calcommcp.server.testing.MutableClock;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve --oauth}: what it needs, what it refuses, and what its flags and variables set. */
class OAuthOptionsTest {

    private final InProcessCli cli = new InProcessCli(new MutableClock(Instant.parse("2026-12-01T12:00:00Z")));

    @TempDir
    Path dataDir;

    private InProcessCli.Run serve(String... flags) {
        List<String> args = new java.util.ArrayList<>(List.of("serve", "--data-dir", dataDir.toString()));
        args.addAll(List.of(flags));
        return cli.run(args.toArray(String[]::new));
    }

    private OAuthConfig started() {
        assertEquals(1, cli.started.size(), cli.launched::toString);
        ServerConfig config = cli.started.get(0);
        return config.oauth().orElseThrow();
    }

    @Test
    void oauthNeedsAPublicUrl() {
        InProcessCli.Run run = serve("--oauth");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--oauth needs --public-url"), run.err());
        assertTrue(run.err().contains("TEMPO_MCP_PUBLIC_URL"), run.err());
        assertEquals(List.of(), cli.launched);
    }

    @Test
    void plainHttpIsOnlyForALoopbackPublicUrl() {
        InProcessCli.Run run = serve("--oauth", "--public-url", "http://mcp.example.com");
        assertEquals(2, run.exitCode(), run.out());
        assertTrue(run.err().contains("https"), run.err());
        assertEquals(List.of(), cli.launched);

        assertEquals(
                0, serve("--oauth", "--public-url", "http://127.0.0.1:8080").exitCode());
        assertEquals(URI.create("http://127.0.0.1:8080"), started().issuer());
    }

    @Test
    void anHttpsPublicUrlIsTheIssuer_andChatGptCallbacksPassByDefault() {
        InProcessCli.Run run = serve("--oauth", "--public-url", "https://mcp.example.com");
        assertEquals(0, run.exitCode(), run.err());
        OAuthConfig oauth = started();
        assertEquals(URI.create("https://mcp.example.com"), oauth.issuer());
        assertEquals(
                Optional.empty(), oauth.redirects().problem("https://chatgpt.com/connector_platform_oauth_redirect"));
        assertFalse(oauth.allowPrivateClientMetadata());
    }

    @Test
    void theRedirectHostsFlagAndVariableNarrowWhereClientsMaySendPeople() {
        assertEquals(
                0,
                serve("--oauth", "--public-url", "https://mcp.example.com", "--oauth-redirect-hosts", "chatgpt.com")
                        .exitCode());
        OAuthConfig flag = started();
        assertEquals(Optional.empty(), flag.redirects().problem("https://chatgpt.com/connector/oauth/abc123"));
        assertTrue(flag.redirects().problem("https://attacker.example/callback").isPresent());

        cli.started.clear();
        cli.env.put("TEMPO_MCP_OAUTH", "true");
        cli.env.put("TEMPO_MCP_PUBLIC_URL", "https://mcp.example.com");
        cli.env.put("TEMPO_MCP_OAUTH_REDIRECT_HOSTS", "chatgpt.com, *.example.org");
        assertEquals(0, serve().exitCode());
        OAuthConfig variables = started();
        assertEquals(Optional.empty(), variables.redirects().problem("https://app.example.org/cb"));
        assertTrue(variables
                .redirects()
                .problem("https://attacker.example/callback")
                .isPresent());
    }

    @Test
    void aServerKeyBesideOAuthIsRefused_sinceBothWouldServeMcp() {
        cli.env.put("TEMPO_API_KEY", "tempo_server_key_0123456789");
        InProcessCli.Run run = serve("--oauth", "--public-url", "https://mcp.example.com");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("TEMPO_API_KEY is set, and --oauth is given"), run.err());
        assertFalse(run.err().contains("tempo_server_key_0123456789"), "the key is never echoed");
        assertEquals(List.of(), cli.launched);
    }

    @Test
    void redirectHostsWithoutOAuthAreRefused() {
        InProcessCli.Run run = serve("--oauth-redirect-hosts", "chatgpt.com");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("add --oauth"), run.err());
    }
}
