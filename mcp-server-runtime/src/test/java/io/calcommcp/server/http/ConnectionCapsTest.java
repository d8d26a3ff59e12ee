package io.calcommcp.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.calcommcp.server.config.RequestLimits;
import io.calcommcp.server.log.StructuredLog;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.Test;

/**
 * The connection caps of a listener, over loopback, where every address of 127.0.0.0/8 is a different client: one
 * client address holds at most its share of the connections, and past the cap for all of them new
 * connections wait until one closes, while the ones being served go on.
 */
class ConnectionCapsTest {

    private static final String PING = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}";

    private final ByteArrayOutputStream log = new ByteArrayOutputStream();

    /** A listener with these caps, answering every request 200 after reading its body. */
    private HttpHost listener(int connections, int perClient) throws IOException {
        return HttpHost.on("127.0.0.1", 0, "caps")
                .limits(RequestLimits.defaults().withMaxConnections(connections, perClient))
                .log(new StructuredLog(new PrintStream(log, true, StandardCharsets.UTF_8), new ObjectMapper()))
                .route("/*", new Handler.Abstract() {
                    @Override
                    public boolean handle(Request request, Response response, Callback callback) throws Exception {
                        Content.Source.consumeAll(request);
                        response.setStatus(200);
                        response.write(true, ByteBuffer.wrap(new byte[] {'{', '}'}), callback);
                        return true;
                    }
                })
                .start();
    }

    @Test
    void oneClientCannotHoldEveryConnection() throws Exception {
        int perClient = 3;
        try (HttpHost server = listener(16, perClient)) {
            List<Socket> held = new ArrayList<>();
            try {
                for (int i = 0; i < perClient; i++) {
                    held.add(connect("127.0.0.3", server.port()));
                }
                // Its next connection is closed as soon as it opens: no answer, the end of the stream.
                try (Socket extra = connect("127.0.0.3", server.port())) {
                    assertEquals(-1, answer(extra, server.port()), "a connection past the client's share was served");
                }
                // Another client is served while the first holds its share.
                try (Socket other = connect("127.0.0.4", server.port())) {
                    assertEquals(200, answer(other, server.port()));
                }
                // The held ones still work.
                assertEquals(200, answer(held.get(0), server.port()));
            } finally {
                for (Socket socket : held) {
                    socket.close();
                }
            }
            sleep(200);
            // Closed connections no longer count: many in a row from that client are all served.
            for (int i = 0; i < 3 * perClient + 5; i++) {
                try (Socket again = connect("127.0.0.3", server.port())) {
                    assertEquals(200, answer(again, server.port()), "connection " + i);
                }
                sleep(20);
            }
            String logged = log.toString(StandardCharsets.UTF_8);
            assertTrue(logged.contains("\"reason\":\"too_many_connections\""), logged);
        }
    }

    @Test
    void pastTheCapNewConnectionsWaitUntilOneCloses() throws Exception {
        int cap = 4;
        try (HttpHost server = listener(cap, cap)) {
            List<Socket> held = new ArrayList<>();
            try {
                for (int i = 0; i < cap; i++) {
                    held.add(connect("127.0.0.5", server.port()));
                }
                try (Socket waiting = connect("127.0.0.6", server.port())) {
                    waiting.setSoTimeout(1000);
                    send(waiting, server.port());
                    assertTrue(timesOut(waiting), "a connection past the cap was served at once");
                    for (int i = 0; i < 2; i++) {
                        held.remove(0).close();
                    }
                    waiting.setSoTimeout(10_000);
                    assertEquals(200, status(waiting.getInputStream()), "the waiting connection was not served");
                }
            } finally {
                for (Socket socket : held) {
                    socket.close();
                }
            }
        }
    }

    private static Socket connect(String from, int port) throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
        socket.setSoTimeout(10_000);
        // Let the server see it open before the next one, so the counts are those of the test.
        sleep(50);
        return socket;
    }

    /** Sends a ping and returns the answer's status, or -1 when the server closed the connection. */
    private static int answer(Socket socket, int port) throws IOException {
        try {
            send(socket, port);
        } catch (IOException e) {
            return -1;
        }
        return status(socket.getInputStream());
    }

    private static void send(Socket socket, int port) throws IOException {
        byte[] body = PING.getBytes(StandardCharsets.UTF_8);
        String head = "POST /mcp HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + body.length + "\r\n\r\n";
        socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().write(body);
        socket.getOutputStream().flush();
    }

    /** The status of the answer, having read all of it; -1 at the end of the stream. */
    private static int status(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int b;
        try {
            while ((b = in.read()) >= 0) {
                head.append((char) b);
                if (head.toString().endsWith("\r\n\r\n")) {
                    break;
                }
            }
        } catch (java.net.SocketException e) {
            return -1;
        }
        if (b < 0) {
            return -1;
        }
        String text = head.toString();
        int lengthAt = text.toLowerCase(java.util.Locale.ROOT).indexOf("content-length: ");
        if (lengthAt >= 0) {
            int end = text.indexOf("\r\n", lengthAt);
            in.readNBytes(Integer.parseInt(text.substring(lengthAt + 16, end).trim()));
        }
        return Integer.parseInt(text.split(" ")[1]);
    }

    private static boolean timesOut(Socket socket) throws IOException {
        try {
            socket.getInputStream().read();
            return false;
        } catch (SocketTimeoutException e) {
            return true;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
