package io.calcommcp.server.oauth.testing;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * A web server on a loopback port that publishes client metadata documents, and counts every
 * request, so a test can tell whether the authorization server fetched anything at all.
 */
public final class DocumentHost implements AutoCloseable {

    /** A document as it is served. */
    public record Document(String contentType, String body, String cacheControl) {}

    private final Server server = new Server();
    private final ServerConnector connector = new ServerConnector(server);
    private final Map<String, Document> documents = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();

    public DocumentHost() throws Exception {
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract.NonBlocking() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                requests.incrementAndGet();
                Document document = documents.get(Request.getPathInContext(request));
                if (document == null) {
                    response.setStatus(404);
                    callback.succeeded();
                    return true;
                }
                response.setStatus(200);
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, document.contentType());
                if (document.cacheControl() != null) {
                    response.getHeaders().put(HttpHeader.CACHE_CONTROL, document.cacheControl());
                }
                response.write(true, ByteBuffer.wrap(document.body().getBytes(StandardCharsets.UTF_8)), callback);
                return true;
            }
        });
        server.start();
    }

    public int port() {
        return connector.getLocalPort();
    }

    /** The http URL of {@code path} on this host. */
    public String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    public void publish(String path, Document document) {
        documents.put(path, document);
    }

    /** How many requests arrived, for any path. */
    public int requests() {
        return requests.get();
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("the document host did not stop", e);
        }
    }
}
