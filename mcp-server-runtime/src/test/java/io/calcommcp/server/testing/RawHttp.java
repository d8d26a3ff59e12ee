package io.calcommcp.server.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * HTTP/1.1 over a plain socket, for requests no ordinary client sends: a {@code Host} header that
 * is not the address connected to (java.net.http refuses to set it), as a DNS-rebinding page or a
 * reverse proxy would produce.
 */
public final class RawHttp {

    private static final String INITIALIZE =
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
                    + "\"capabilities\":{},\"clientInfo\":{\"name\":\"raw-http-test\",\"version\":\"1\"}}}";

    private RawHttp() {}

    /** The answer: status code and the whole response as text. */
    public record Response(int status, String text) {}

    /**
     * POSTs an MCP {@code initialize} request to {@code /mcp} on 127.0.0.1:{@code port} with the
     * given {@code Host} and, if present, {@code Origin}.
     */
    public static Response postInitialize(int port, String host, Optional<String> origin) throws IOException {
        byte[] body = INITIALIZE.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder()
                .append("POST /mcp HTTP/1.1\r\n")
                .append("Host: ")
                .append(host)
                .append("\r\n");
        origin.ifPresent(o -> head.append("Origin: ").append(o).append("\r\n"));
        head.append("Content-Type: application/json\r\n")
                .append("Accept: application/json, text/event-stream\r\n")
                .append("Content-Length: ")
                .append(body.length)
                .append("\r\n")
                .append("Connection: close\r\n\r\n");
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            in.transferTo(response);
            String text = response.toString(StandardCharsets.UTF_8);
            // "HTTP/1.1 200 " - the status is the second word of the first line.
            String[] statusLine =
                    text.substring(0, Math.max(0, text.indexOf("\r\n"))).split(" ");
            if (statusLine.length < 2) {
                throw new IOException("Not an HTTP response: " + text);
            }
            return new Response(Integer.parseInt(statusLine[1]), text);
        }
    }

    /** A parsed answer: status, headers (names in lower case) and the body, de-chunked. */
    public record Answer(int status, Map<String, String> headers, String body) {}

    /**
     * POSTs {@code body} to {@code path} with exactly {@code headers} (plus Host, Content-Length
     * and Connection: close) and reads the whole answer.
     */
    public static Answer post(int port, String path, Map<String, String> headers, byte[] body) throws IOException {
        StringBuilder head = new StringBuilder("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n");
        headers.forEach(
                (name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        head.append("Content-Length: ").append(body.length).append("\r\nConnection: close\r\n\r\n");
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        request.write(body);
        return send(port, request.toByteArray());
    }

    /** Sends these exact bytes and reads the whole answer (the request should ask to close). */
    public static Answer send(int port, byte[] request) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request);
                out.flush();
            } catch (IOException e) {
                // The server may answer (413, say) and close before the whole request is written.
            }
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            try {
                socket.getInputStream().transferTo(response);
            } catch (IOException e) {
                // A reset after the answer: keep what arrived.
            }
            return parse(response.toByteArray());
        }
    }

    private static Answer parse(byte[] bytes) throws IOException {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            throw new IOException("Not an HTTP response (" + bytes.length + " bytes): " + text);
        }
        String[] lines = text.substring(0, end).split("\r\n");
        String[] statusLine = lines[0].split(" ");
        Map<String, String> headers = new TreeMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(
                        lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim());
            }
        }
        byte[] rest = Arrays.copyOfRange(bytes, end + 4, bytes.length);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            rest = dechunk(rest);
        }
        return new Answer(Integer.parseInt(statusLine[1]), headers, new String(rest, StandardCharsets.UTF_8));
    }

    private static byte[] dechunk(byte[] chunked) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        while (at < chunked.length) {
            int lineEnd = at;
            while (lineEnd + 1 < chunked.length && !(chunked[lineEnd] == '\r' && chunked[lineEnd + 1] == '\n')) {
                lineEnd++;
            }
            String sizeText = new String(chunked, at, lineEnd - at, StandardCharsets.ISO_8859_1).trim();
            int size = sizeText.isEmpty() ? 0 : Integer.parseInt(sizeText.split(";")[0], 16);
            if (size == 0) {
                break;
            }
            out.write(chunked, lineEnd + 2, Math.min(size, chunked.length - lineEnd - 2));
            at = lineEnd + 2 + size + 2;
        }
        return out.toByteArray();
    }
}
