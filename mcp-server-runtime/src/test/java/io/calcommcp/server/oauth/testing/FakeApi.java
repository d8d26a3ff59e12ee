package io.calcommcp.server.oauth.testing;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * The API behind the tools, faked on a loopback port: {@code GET /me} accepts the key {@link
 * #GOOD_KEY} (and {@link #OTHER_GOOD_KEY}), answers 503 for {@link #KEY_WHILE_DOWN}, and refuses
 * every other key with 401; every other path answers a small JSON list. It records every request
 * it receives, so that a test can prove that a refusal sent nothing upstream.
 */
public final class FakeApi implements AutoCloseable {

    public static final String GOOD_KEY = "fake_live_0123456789abcdef";
    public static final String OTHER_GOOD_KEY = "fake_live_fedcba9876543210";
    public static final String KEY_WHILE_DOWN = "fake_live_upstream_is_down";

    /** One request as the fake received it. */
    public record Received(String method, String path, String authorization) {}

    private final Server server = new Server();
    private final ServerConnector connector = new ServerConnector(server);
    private final List<Received> received = new CopyOnWriteArrayList<>();

    public FakeApi() throws Exception {
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract.NonBlocking() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                String authorization = request.getHeaders().get(HttpHeader.AUTHORIZATION);
                String path = Request.getPathInContext(request);
                received.add(new Received(request.getMethod(), path, authorization));
                int status;
                String body;
                if (path.equals("/me")) {
                    if (("Bearer " + GOOD_KEY).equals(authorization)
                            || ("Bearer " + OTHER_GOOD_KEY).equals(authorization)) {
                        status = 200;
                        body = "{\"status\":\"success\"}";
                    } else if (("Bearer " + KEY_WHILE_DOWN).equals(authorization)) {
                        status = 503;
                        body = "{\"status\":\"error\"}";
                    } else {
                        status = 401;
                        body = "{\"status\":\"error\",\"message\":\"invalid key\"}";
                    }
                } else {
                    status = 200;
                    body = "{\"data\":[]}";
                }
                response.setStatus(status);
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
                response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
                return true;
            }
        });
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + connector.getLocalPort();
    }

    /** Every request received so far. */
    public List<Received> received() {
        return List.copyOf(received);
    }

    /** Forgets the requests received so far. */
    public void clear() {
        received.clear();
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("the fake API did not stop", e);
        }
    }
}
