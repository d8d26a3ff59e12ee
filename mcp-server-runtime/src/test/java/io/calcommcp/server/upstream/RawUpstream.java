package io.calcommcp.server.upstream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * An API on a loopback socket that answers each request with exactly the bytes, and the pauses
 * between them, that a test scripts: framings no well-behaved server sends, answers that drip, a
 * connection closed under a request. It keeps each connection open for the next request unless the
 * script closes it, and records every request it read.
 */
public final class RawUpstream implements AutoCloseable {

    /** One request as it arrived: its head (request line and headers) and body as text. */
    public record Request(int index, int connection, String head, String body) {

        /** The first value of a header, or null. */
        public String header(String name) {
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }

        public String requestLine() {
            return head.substring(0, head.indexOf("\r\n"));
        }
    }

    /** A piece of a scripted answer: bytes to write, a pause, or the end of the connection. */
    public record Part(byte[] bytes, long pauseMillis, boolean close) {
        public static Part text(String text) {
            return new Part(text.getBytes(StandardCharsets.UTF_8), 0, false);
        }

        public static Part pause(long millis) {
            return new Part(new byte[0], millis, false);
        }

        public static final Part CLOSE = new Part(new byte[0], 0, true);
    }

    public final List<Request> requests = new CopyOnWriteArrayList<>();
    public final AtomicInteger connections = new AtomicInteger();
    private final ServerSocket socket;
    private final Function<Request, List<Part>> script;
    private final List<Socket> open = new CopyOnWriteArrayList<>();

    public RawUpstream(Function<Request, List<Part>> script) throws IOException {
        this.script = script;
        this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(this::acceptAll, "raw-upstream");
        accept.setDaemon(true);
        accept.start();
    }

    /** A complete answer with a Content-Length that matches its body. */
    public static String ok(String json) {
        return "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                + json.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + json;
    }

    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + socket.getLocalPort());
    }

    public int port() {
        return socket.getLocalPort();
    }

    private void acceptAll() {
        while (!socket.isClosed()) {
            try {
                Socket connection = socket.accept();
                open.add(connection);
                int number = connections.incrementAndGet();
                Thread serve = new Thread(() -> serve(connection, number), "raw-upstream-connection");
                serve.setDaemon(true);
                serve.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket connection, int number) {
        try (connection;
                InputStream in = connection.getInputStream();
                OutputStream out = connection.getOutputStream()) {
            while (true) {
                Request request = read(in, number);
                if (request == null) {
                    return;
                }
                requests.add(request);
                for (Part part : script.apply(request)) {
                    if (part.close()) {
                        return;
                    }
                    if (part.pauseMillis() > 0) {
                        Thread.sleep(part.pauseMillis());
                    }
                    out.write(part.bytes());
                    out.flush();
                }
            }
        } catch (IOException e) {
            // The client hung up, as it should after a misframed or endless answer.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The head and, by its Content-Length, the body; null at the end of the stream. */
    private Request read(InputStream in, int connection) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            head.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                    ? matched + 1
                    : (b == '\r' ? 1 : 0);
        }
        String text = head.toString(StandardCharsets.UTF_8);
        int length = 0;
        for (String line : text.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
        return new Request(requests.size(), connection, text, body);
    }

    /** The requests so far, each one's request line. */
    public List<String> requestLines() {
        List<String> lines = new ArrayList<>();
        requests.forEach(r -> lines.add(r.requestLine()));
        return lines;
    }

    @Override
    public void close() throws IOException {
        socket.close();
        for (Socket connection : open) {
            connection.close();
        }
    }
}
