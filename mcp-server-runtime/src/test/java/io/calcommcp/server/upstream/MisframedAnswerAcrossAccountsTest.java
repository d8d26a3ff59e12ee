package io.calcommcp.server.upstream;

import static io.calcommcp.server.upstream.RawUpstream.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.calcommcp.server.testing.Results;
import io.calcommcp.server.testing.ScopedServer;
import io.calcommcp.server.upstream.RawUpstream.Part;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two accounts on one base URL, each behind its own scoped URL: the API answers the first
 * account's call with a 204 followed by a whole second answer holding that account's bookings.
 * The second account's call, next, gets its own answer, never those bytes.
 */
class MisframedAnswerAcrossAccountsTest {

    private static final String KEY_A = "tempo_live_account_a_0123456789abcdef";
    private static final String KEY_B = "tempo_live_account_b_fedcba9876543210";

    @TempDir
    Path dataDir;

    @Test
    void aMisframedAnswerNeverReachesAnotherAccount() throws Exception {
        String bookingsOfA = "{\"status\":\"success\",\"data\":[{\"id\":1,\"title\":\"A's private meeting\"}]}";
        String bookingsOfB = "{\"status\":\"success\",\"data\":[{\"id\":2,\"title\":\"B's meeting\"}]}";
        try (RawUpstream upstream =
                        new RawUpstream(request -> ("Bearer " + KEY_A).equals(request.header("Authorization"))
                                ? List.of(Part.text("HTTP/1.1 204 No Content\r\n\r\n" + ok(bookingsOfA)))
                                : List.of(Part.text(ok(bookingsOfB))));
                ScopedServer server =
                        new ScopedServer(dataDir, upstream.baseUrl(), Clock.systemUTC(), Optional.empty())) {
            String urlA = server.createMcpServer(
                            server.createAccount("A", KEY_A, upstream.baseUrl()), "{\"name\":\"a\"}")
                    .get("url")
                    .asText();
            String urlB = server.createMcpServer(
                            server.createAccount("B", KEY_B, upstream.baseUrl()), "{\"name\":\"b\"}")
                    .get("url")
                    .asText();
            McpSyncClient a = ScopedServer.client(urlA, Optional.empty());
            McpSyncClient b = ScopedServer.client(urlB, Optional.empty());
            try {
                list(a);
                CallToolResult ofB = list(b);

                assertFalse(Results.text(ofB).contains("A's private meeting"), Results.text(ofB));
                assertEquals("B's meeting", ((Map<?, ?>) ((List<?>) Results.at(ofB, "data")).get(0)).get("title"));
                assertEquals(2, upstream.requests.size());
            } finally {
                a.closeGracefully();
                b.closeGracefully();
            }
        }
    }

    private static CallToolResult list(McpSyncClient client) {
        return client.callTool(CallToolRequest.builder("list_all_tempo_bookings")
                .arguments(Map.of("limit", 1))
                .build());
    }
}
