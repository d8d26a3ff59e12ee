package io.calcommcp.server.stdio;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.calcommcp.server.engine.CallContext;
import io.calcommcp.server.mcp.McpToolSurface;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;

/**
 * MCP over stdin/stdout, for clients that launch the server as a child process. stdout carries
 * only protocol messages; every log line goes to stderr. The one caller is the process at the
 * other end, so every call runs in the context {@code caller} gives.
 */
public final class StdioServer {

    private StdioServer() {}

    /**
     * Serves until stdin reaches end of file (the client closed it or exited).
     *
     * @param caller the context of each call
     * @param in the client's requests
     * @param out where responses go; nothing else may write to it
     */
    public static void serveUntilEof(
            McpToolSurface surface,
            String version,
            Supplier<CallContext> caller,
            ObjectMapper json,
            InputStream in,
            OutputStream out)
            throws InterruptedException {
        CountDownLatch eof = new CountDownLatch(1);
        // The SDK reads stdin on its own thread and does not say when it ends; watch for it here.
        InputStream watched = new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                return signalEof(super.read());
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return signalEof(super.read(b, off, len));
            }

            private int signalEof(int n) {
                if (n < 0) {
                    eof.countDown();
                }
                return n;
            }
        };
        StdioServerTransportProvider transport =
                new StdioServerTransportProvider(new JacksonMcpJsonMapper(json), watched, out);
        McpSyncServer server = surface.sessionServer(transport, version, caller);
        try {
            eof.await();
        } finally {
            server.closeGracefully();
        }
    }
}
