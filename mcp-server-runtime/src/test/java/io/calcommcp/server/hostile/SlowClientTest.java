package io.calcommcp.server.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.calcommcp.server.config.RequestLimits;
import io.calcommcp.server.config.ServerConfig;
import io.calcommcp.server.testing.FakeHttpServer;
import io.calcommcp.server.testing.FakeHttpServer.Reply;
import io.calcommcp.server.testing.RawHttp;
import io.calcommcp.server.testing.RunningServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Slowloris on loopback: 200 connections that send their headers one byte at a time. A normal
 * client is still answered at once, and the server closes every slow connection within the request
 * timeout (plus the quarter second its check runs at).
 */
class SlowClientTest {

    private static final int SLOW_CLIENTS = 200;
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(2);
    private static final long BYTE_EVERY_MILLIS = 100;

    private static final String LIST_TOOLS = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}";

    @Test
    void tricklingHeaders_doNotDelayOthers_andAreCutOffWithinTheTimeout() throws Exception {
        try (FakeHttpServer upstream = new FakeHttpServer(request -> Reply.json(200, "{}"));
                RunningServer server =
                        new RunningServer(ServerConfig.local("TEMPO_API_KEY", "tempo_test", upstream.baseUrl())
                                .withLimits(RequestLimits.defaults().withRequestTimeout(REQUEST_TIMEOUT)))) {
            List<Slow> slow = new ArrayList<>();
            for (int i = 0; i < SLOW_CLIENTS; i++) {
                slow.add(new Slow(server.port()));
            }
            long start = System.nanoTime();
            // Trickle for a while, then ask normally while all 200 are still connected and sending.
            long normalAnsweredMillis = -1;
            long cutOffBy =
                    start + REQUEST_TIMEOUT.toNanos() + Duration.ofSeconds(3).toNanos();
            while (System.nanoTime() < cutOffBy && slow.stream().anyMatch(s -> s.closedAtNanos < 0)) {
                for (Slow s : slow) {
                    s.trickle();
                }
                if (normalAnsweredMillis < 0
                        && System.nanoTime() - start > Duration.ofMillis(500).toNanos()) {
                    long asked = System.nanoTime();
                    RawHttp.Answer answer = RawHttp.post(
                            server.port(),
                            "/mcp",
                            Map.of("Content-Type", "application/json", "Accept", "application/json"),
                            LIST_TOOLS.getBytes(StandardCharsets.UTF_8));
                    normalAnsweredMillis = (System.nanoTime() - asked) / 1_000_000;
                    assertEquals(200, answer.status(), answer.body());
                    assertTrue(answer.body().contains("list_all_tempo_bookings"), answer.body());
                    long stillOpen =
                            slow.stream().filter(s -> s.closedAtNanos < 0).count();
                    assertEquals(SLOW_CLIENTS, stillOpen, "the normal request came too late to meet the slow ones");
                }
                Thread.sleep(BYTE_EVERY_MILLIS);
            }
            long open = slow.stream().filter(s -> s.closedAtNanos < 0).count();
            long latestMillis = slow.stream()
                    .mapToLong(s -> (s.closedAtNanos - s.firstByteNanos) / 1_000_000)
                    .max()
                    .orElseThrow();
            long earliestMillis = slow.stream()
                    .mapToLong(s -> (s.closedAtNanos - s.firstByteNanos) / 1_000_000)
                    .min()
                    .orElseThrow();
            System.out.println("slow clients: " + SLOW_CLIENTS + " trickling headers; tools/list answered in "
                    + normalAnsweredMillis + " ms; cut off after " + earliestMillis + "-" + latestMillis
                    + " ms (request timeout " + REQUEST_TIMEOUT.toMillis() + " ms)");
            slow.forEach(Slow::close);
            assertEquals(0, open, "slow connections still open");
            assertTrue(
                    normalAnsweredMillis >= 0 && normalAnsweredMillis < 2000,
                    "tools/list took " + normalAnsweredMillis + " ms");
            assertTrue(
                    earliestMillis >= REQUEST_TIMEOUT.toMillis() - 50,
                    "cut off before the timeout, after " + earliestMillis + " ms");
            assertTrue(
                    latestMillis <= REQUEST_TIMEOUT.toMillis() + 1000,
                    "cut off " + latestMillis + " ms after the first byte");
            assertTrue(server.log().contains("\"reason\":\"header_timeout\""), server.log());
        }
    }

    @Test
    void aTricklingBody_isAnswered408_whenTheTimeoutPasses() throws Exception {
        try (FakeHttpServer upstream = new FakeHttpServer(request -> Reply.json(200, "{}"));
                RunningServer server =
                        new RunningServer(ServerConfig.local("TEMPO_API_KEY", "tempo_test", upstream.baseUrl())
                                .withLimits(RequestLimits.defaults().withRequestTimeout(REQUEST_TIMEOUT)));
                java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            java.io.OutputStream out = socket.getOutputStream();
            out.write(("POST /mcp HTTP/1.1\r\nHost: 127.0.0.1:" + server.port()
                            + "\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            long start = System.nanoTime();
            java.io.InputStream in = socket.getInputStream();
            String answer = "";
            while (System.nanoTime() - start < Duration.ofSeconds(6).toNanos()) {
                try {
                    out.write(' ');
                    out.flush();
                } catch (IOException e) {
                    break;
                }
                Thread.sleep(BYTE_EVERY_MILLIS);
                if (in.available() > 0) {
                    break;
                }
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            long closedMillis = (System.nanoTime() - start) / 1_000_000;
            System.out.println("slow body: answered after " + millis + " ms, closed after " + closedMillis + " ms: "
                    + answer.lines().findFirst().orElse(""));
            assertTrue(answer.startsWith("HTTP/1.1 408"), answer);
            assertTrue(answer.contains("\"error\":\"request_timeout\""), answer);
            assertTrue(closedMillis <= REQUEST_TIMEOUT.toMillis() * 2 + 1000, "closed after " + closedMillis + " ms");
            assertTrue(millis <= REQUEST_TIMEOUT.toMillis() + 1000, "answered after " + millis + " ms");
        }
    }

    /** One connection sending a request's headers a byte at a time, never finishing them. */
    private static final class Slow {

        private final SocketChannel channel;
        private final byte[] headers;
        private int sent;
        final long firstByteNanos;
        volatile long closedAtNanos = -1;

        Slow(int port) throws IOException {
            channel = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
            channel.configureBlocking(false);
            StringBuilder text = new StringBuilder("POST /mcp HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n");
            while (text.length() < 4000) {
                text.append("X-Slow: ").append(text.length()).append("\r\n");
            }
            headers = text.toString().getBytes(StandardCharsets.US_ASCII);
            firstByteNanos = System.nanoTime();
            trickle();
        }

        void trickle() {
            if (closedAtNanos >= 0) {
                return;
            }
            try {
                ByteBuffer in = ByteBuffer.allocate(1024);
                if (channel.read(in) < 0) {
                    closedAtNanos = System.nanoTime();
                    return;
                }
                channel.write(ByteBuffer.wrap(headers, sent % headers.length, 1));
                sent++;
            } catch (IOException e) {
                closedAtNanos = System.nanoTime();
            }
        }

        void close() {
            try {
                channel.close();
            } catch (IOException e) {
                // Closed already.
            }
        }
    }
}
