package io.calcommcp.server.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.calcommcp.server.config.RequestLimits;
import io.calcommcp.server.config.ServerConfig;
import io.calcommcp.server.testing.FakeHttpServer;
import io.calcommcp.server.testing.FakeHttpServer.Reply;
import io.calcommcp.server.testing.Results;
import io.calcommcp.server.testing.RunningServer;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * An API answer larger than the limit is refused as {@code upstream_invalid_response}, whether it
 * announces its length or streams without one; the stream is not read to its end.
 */
class UpstreamResponseSizeTest {

    private static final long LIMIT = 1024 * 1024;

    @Test
    void anAnswerThatAnnouncesMoreThanTheLimit_isRefusedUnread() throws Exception {
        String big = "{\"status\":\"success\",\"data\":[\"" + "x".repeat((int) LIMIT) + "\"]}";
        try (FakeHttpServer upstream = new FakeHttpServer(request -> Reply.json(200, big));
                RunningServer server = new RunningServer(limited(upstream.baseUrl()))) {
            CallToolResult result = server.call("list_all_tempo_bookings", Map.of());
            assertTrue(result.isError());
            assertEquals("upstream_invalid_response", Results.at(result, "error", "type"));
            assertEquals(200, ((Number) Results.at(result, "error", "httpStatus")).intValue());
            assertTrue(Results.text(result).contains("more than 1 MiB"), Results.text(result));
            // One request went out; its answer was refused, not passed on.
            assertEquals(1, upstream.requests().size());
        }
    }

    @Test
    void anEndlessStreamWithoutALength_isCutOffAtTheLimit() throws Exception {
        AtomicLong written = new AtomicLong();
        try (ServerSocket api = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread streamer = new Thread(() -> stream(api, written), "endless-api");
            streamer.setDaemon(true);
            streamer.start();
            URI base = URI.create("http://127.0.0.1:" + api.getLocalPort());
            try (RunningServer server = new RunningServer(limited(base))) {
                long start = System.nanoTime();
                CallToolResult result = server.call("list_all_tempo_bookings", Map.of());
                long millis = (System.nanoTime() - start) / 1_000_000;
                streamer.join(5_000);
                System.out.println("endless upstream answer: refused after " + millis + " ms, " + written.get() / 1024
                        + " KiB written by the API before the server hung up (limit " + LIMIT / 1024 + " KiB)");
                assertTrue(result.isError());
                assertEquals("upstream_invalid_response", Results.at(result, "error", "type"));
                assertTrue(written.get() < 64L * 1024 * 1024, "read " + written.get() + " bytes");
            }
        }
    }

    private static ServerConfig limited(URI upstream) {
        return ServerConfig.local("TEMPO_API_KEY", RunningServer.API_KEY, upstream)
                .withLimits(RequestLimits.defaults().withMaxUpstreamResponseBytes(LIMIT));
    }

    /** Answers one request with a chunked body that never ends, until the client hangs up. */
    private static void stream(ServerSocket api, AtomicLong written) {
        try (Socket socket = api.accept()) {
            socket.getInputStream().read(new byte[8192]);
            OutputStream out = socket.getOutputStream();
            out.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = ("10000\r\n" + "x".repeat(0x10000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            out.write("5\r\n[\"xx\r\n".getBytes(StandardCharsets.US_ASCII));
            // At most 256 MiB, so that a server that reads everything fails the test instead of hanging it.
            for (int i = 0; i < 4096; i++) {
                out.write(chunk);
                written.addAndGet(0x10000);
            }
        } catch (IOException e) {
            // The server hung up: what the test wants.
        }
    }
}
