package io.calcommcp.server.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

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
}
