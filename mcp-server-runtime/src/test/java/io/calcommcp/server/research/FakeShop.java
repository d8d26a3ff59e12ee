package io.calcommcp.server.research;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * A small shop API on a real Jetty on a loopback port, for the search and fetch tools to call
 * through the engine: orders ({@code GET /orders}, paged with take and skip, sorted by placedAt
 * only when asked with {@code sort=desc}; {@code GET /orders/<id>}) and customers ({@code GET
 * /customers}, in no order; {@code GET /customers/<id>}). The key decides the answer: {@link
 * #REVOKED_KEY} gets 401, {@link #LIMITED_KEY} a 429 with rate-limit headers, {@link #DOWN_KEY} a
 * 503, any other {@code Bearer} key the data. It records every request, with the key it carried.
 */
final class FakeShop implements AutoCloseable {

    static final String REVOKED_KEY = "shop_key_revoked";
    static final String LIMITED_KEY = "shop_key_limited";
    static final String DOWN_KEY = "shop_key_down";

    /** One request as the fake received it. */
    record Received(String method, String path, Map<String, String> query, String authorization) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Server server = new Server();
    private final ServerConnector connector = new ServerConnector(server);
    private final List<Received> received = new CopyOnWriteArrayList<>();

    FakeShop() throws Exception {
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract.NonBlocking() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                String authorization = request.getHeaders().get(HttpHeader.AUTHORIZATION);
                String path = Request.getPathInContext(request);
                Fields fields = Request.extractQueryParameters(request);
                Map<String, String> query = new TreeMap<>();
                fields.forEach(f -> query.put(f.getName(), f.getValue()));
                received.add(new Received(request.getMethod(), path, query, authorization));
                String body = answer(response, authorization, path, query);
                response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
                return true;
            }
        });
        server.start();
    }

    /** Sets the status and headers of the answer to this request and gives its body. */
    private String answer(Response response, String authorization, String path, Map<String, String> query)
            throws Exception {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        String key = authorization != null && authorization.startsWith("Bearer ") ? authorization.substring(7) : "";
        if (key.isEmpty() || key.equals(REVOKED_KEY)) {
            return reply(response, 401, "{\"error\":{\"code\":\"unauthorized\",\"message\":\"Invalid API key\"}}");
        } else if (key.equals(LIMITED_KEY)) {
            response.getHeaders().put("X-RateLimit-Limit", "60");
            response.getHeaders().put("X-RateLimit-Remaining", "0");
            response.getHeaders().put("X-RateLimit-Reset", "30");
            return reply(response, 429, "{\"error\":{\"message\":\"Too many requests\"}}");
        } else if (key.equals(DOWN_KEY)) {
            return reply(response, 503, "{\"error\":{\"message\":\"Maintenance\"}}");
        } else if (path.equals("/orders")) {
            List<ObjectNode> orders = new ArrayList<>(orders());
            if ("desc".equals(query.get("sort"))) {
                orders.sort(Comparator.comparing((ObjectNode o) ->
                                OffsetDateTime.parse(o.get("placedAt").asText()).toInstant())
                        .reversed());
            }
            int skip = Integer.parseInt(query.getOrDefault("skip", "0"));
            int take = Integer.parseInt(query.getOrDefault("take", "10"));
            ObjectNode page = JSON.createObjectNode();
            ArrayNode items = page.putArray("items");
            orders.stream().skip(skip).limit(take).forEach(items::add);
            page.putObject("meta").put("more", skip + take < orders.size());
            return reply(response, 200, page.toString());
        } else if (path.startsWith("/orders/")) {
            String id = path.substring("/orders/".length());
            ObjectNode answer = JSON.createObjectNode();
            if (id.equals("series-1")) {
                answer.putArray("order").add(orders().get(0)).add(orders().get(2));
            } else if (id.equals("broken")) {
                answer.put("status", "ok");
            } else {
                ObjectNode order = orders().stream()
                        .filter(o -> o.get("id").asText().equals(id))
                        .findFirst()
                        .orElse(null);
                if (order == null) {
                    return reply(
                            response,
                            404,
                            "{\"error\":{\"code\":\"not_found\",\"message\":\"Order " + id + " not found\"}}");
                }
                answer.set("order", order);
            }
            return reply(response, 200, answer.toString());
        } else if (path.equals("/customers")) {
            ObjectNode answer = JSON.createObjectNode();
            ArrayNode items = answer.putArray("items");
            customers().forEach(items::add);
            return reply(response, 200, answer.toString());
        } else if (path.startsWith("/customers/")) {
            String id = path.substring("/customers/".length());
            ObjectNode customer = customers().stream()
                    .filter(c -> c.get("id").asText().equals(id))
                    .findFirst()
                    .orElse(null);
            if (customer == null) {
                return reply(response, 404, "{\"error\":{\"message\":\"No such customer\"}}");
            }
            ObjectNode answer = JSON.createObjectNode();
            answer.set("customer", customer);
            return reply(response, 200, answer.toString());
        } else {
            return reply(response, 404, "{\"error\":{\"message\":\"No route\"}}");
        }
    }

    private static String reply(Response response, int status, String json) {
        response.setStatus(status);
        return json;
    }

    /** The orders, oldest first, as stored; the API sorts them only when asked. */
    static List<ObjectNode> orders() throws Exception {
        return List.of(
                (ObjectNode) JSON.readTree("""
                        {"id": "o-1", "summary": "Bolts for Acme", "status": "delivered",
                         "placedAt": "2026-03-01T09:00:00Z", "internalNote": "margin is thin",
                         "customer": {"name": "Acme Corp", "email": "buyer@acme.example"},
                         "lines": [{"product": "bolts"}, {"product": "nuts"}]}"""), (ObjectNode) JSON.readTree("""
                        {"id": "o-2", "summary": "Paint for Blue Ltd", "status": "open",
                         "placedAt": "2026-03-05T10:00:00Z",
                         "customer": {"name": "Blue Ltd", "email": "orders@blue.example"},
                         "lines": [{"product": "paint"}]}"""), (ObjectNode) JSON.readTree("""
                        {"id": "o-3", "summary": "More bolts", "status": "open",
                         "placedAt": "2026-03-09T08:00:00-05:00",
                         "customer": {"name": "Acme Corp", "email": "buyer@acme.example"},
                         "lines": [{"product": "bolts"}]}"""));
    }

    /**
     * The customers, in no order. By instant, 7 is the newest, though 9's timestamp reads later as
     * text: its offset puts it seven hours earlier.
     */
    static List<ObjectNode> customers() throws Exception {
        return List.of(
                (ObjectNode)
                        JSON.readTree(
                                "{\"id\": 8, \"name\": \"Zed & Sons\", \"email\": \"zed@zed.example\", \"since\": \"2023-01-10\"}"),
                (ObjectNode) JSON.readTree("{\"id\": 9, \"name\": \"Blue Ltd\", \"email\": \"orders@blue.example\","
                        + " \"since\": \"2025-11-20T01:00:00+09:00\"}"),
                (ObjectNode) JSON.readTree("{\"id\": 7, \"name\": \"Acme Corp\", \"email\": \"buyer@acme.example\","
                        + " \"since\": \"2025-11-19T17:00:00Z\"}"));
    }

    String baseUrl() {
        return "http://127.0.0.1:" + connector.getLocalPort();
    }

    /** Every request received so far. */
    List<Received> received() {
        return List.copyOf(received);
    }

    /** Forgets the requests received so far. */
    void clear() {
        received.clear();
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("the fake shop did not stop", e);
        }
    }
}
