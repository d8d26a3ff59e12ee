package io.calcommcp.server.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.calcommcp.server.config.RequestLimits;
import io.calcommcp.server.http.JsonAnswers;
import io.calcommcp.server.http.RequestBodies;
import io.calcommcp.server.log.StructuredLog;
import io.calcommcp.server.store.ApiTokens;
import io.calcommcp.server.store.StoreUnavailableException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The admin REST API, on its own listener (a Jetty handler at {@code /*}): integrated accounts,
 * their MCP server URLs, API tokens, and the OAuth grants people made. Every request needs {@code Authorization: Bearer <admin token>}; bodies are JSON in
 * {@code snake_case}. Routes:
 *
 * <pre>
 * POST   /integrated-account                      GET /integrated-account
 * GET    /integrated-account/{id}                 PATCH, DELETE the same
 * POST   /integrated-account/{id}/mcp             GET /integrated-account/{id}/mcp
 * GET    /integrated-account/{id}/mcp/{mcp_id}    PATCH, DELETE the same
 * POST   /api-token                               GET /api-token
 * GET    /api-token/{id}                          DELETE the same
 * GET    /oauth-grant                             (grants are made on the consent page)
 * GET    /oauth-grant/{id}                        DELETE the same (revokes it)
 * </pre>
 */
public final class AdminHttpService extends Handler.Abstract {

    private static final int MAX_BODY_BYTES = 64 * 1024;

    private final AdminService admin;
    private final AdminJson answers;
    private final ObjectMapper json;
    private final byte[] adminTokenHash;
    private final String adminTokenVariable;
    private final StructuredLog log;
    private final Duration bodyDeadline;

    /**
     * @param adminToken the token every request must carry; compared in constant time
     * @param adminTokenVariable where the token comes from, for the answer to a request without it
     * @param limits the time a request's body has to arrive
     */
    public AdminHttpService(
            AdminService admin,
            String adminToken,
            String adminTokenVariable,
            ObjectMapper json,
            StructuredLog log,
            RequestLimits limits) {
        this.admin = admin;
        this.answers = new AdminJson(json);
        this.json = json;
        this.adminTokenHash = sha256(adminToken);
        this.adminTokenVariable = adminTokenVariable;
        this.log = log;
        this.bodyDeadline = limits.requestTimeout();
    }

    /** One answer: a status and a JSON body (or none). */
    private record Answer(int status, Optional<JsonNode> body) {
        static Answer of(int status, JsonNode body) {
            return new Answer(status, Optional.of(body));
        }

        static Answer noContent() {
            return new Answer(204, Optional.empty());
        }
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws IOException {
        String method = request.getMethod().toUpperCase(Locale.ROOT);
        List<String> path = segments(request);
        Answer answer;
        if (!authorized(request)) {
            response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer realm=\"admin\"");
            answer = Answer.of(
                    401,
                    answers.error(
                            "unauthorized",
                            "Send the admin token (the server's " + adminTokenVariable
                                    + ") as Authorization: Bearer <token>."));
        } else {
            try {
                answer = route(method, path, request);
            } catch (InvalidRequestException e) {
                answer = Answer.of(400, answers.invalid(e.fields()));
            } catch (NotFoundException e) {
                answer = Answer.of(404, answers.error("not_found", e.getMessage()));
            } catch (StoreUnavailableException e) {
                response.getHeaders().put(HttpHeader.RETRY_AFTER, "5");
                answer = Answer.of(
                        503, answers.error("store_unavailable", "The database is not answering; try again shortly."));
            } catch (RuntimeException e) {
                // Only the class: a library's message may quote the request, which can hold a key.
                log.error(
                        "admin_request_failed",
                        line -> line.put("exception", e.getClass().getName()));
                answer = Answer.of(
                        500,
                        answers.error(
                                "internal_error",
                                "The server failed while handling this request; nothing was changed by the part"
                                        + " that failed. This is a bug in the server, not in the request."));
            }
        }
        int status = answer.status();
        log.info(
                "admin_request",
                line -> line.put("method", method).put("route", route(path)).put("status", status));
        write(response, callback, answer);
        return true;
    }

    private boolean authorized(Request request) {
        String header = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        return MessageDigest.isEqual(adminTokenHash, sha256(header.substring(7).trim()));
    }

    private Answer route(String method, List<String> path, Request request)
            throws IOException, InvalidRequestException, NotFoundException {
        int size = path.size();
        if (size >= 1 && path.get(0).equals("integrated-account")) {
            if (size == 1) {
                return switch (method) {
                    case "POST" -> {
                        FieldErrors errors = new FieldErrors();
                        AccountChanges changes = answers.account(body(request), errors);
                        yield Answer.of(201, answers.account(admin.createAccount(changes, errors)));
                    }
                    case "GET" -> Answer.of(200, answers.accounts(admin.accounts()));
                    default -> notAllowed("GET, POST");
                };
            }
            String accountId = path.get(1);
            if (size == 2) {
                return switch (method) {
                    case "GET" -> Answer.of(200, answers.account(admin.account(accountId)));
                    case "PATCH" -> {
                        FieldErrors errors = new FieldErrors();
                        AccountChanges changes = answers.account(body(request), errors);
                        yield Answer.of(200, answers.account(admin.updateAccount(accountId, changes, errors)));
                    }
                    case "DELETE" -> {
                        admin.deleteAccount(accountId);
                        yield Answer.noContent();
                    }
                    default -> notAllowed("GET, PATCH, DELETE");
                };
            }
            if (path.get(2).equals("mcp") && size == 3) {
                return switch (method) {
                    case "POST" -> {
                        FieldErrors errors = new FieldErrors();
                        McpServerChanges changes = answers.mcpServer(body(request), errors);
                        yield Answer.of(
                                201, answers.createdMcpServer(admin.createMcpServer(accountId, changes, errors)));
                    }
                    case "GET" -> Answer.of(200, answers.mcpServers(admin.mcpServers(accountId)));
                    default -> notAllowed("GET, POST");
                };
            }
            if (path.get(2).equals("mcp") && size == 4) {
                Optional<String> account = Optional.of(accountId);
                String serverId = path.get(3);
                return switch (method) {
                    case "GET" -> Answer.of(200, answers.mcpServer(admin.mcpServer(account, serverId)));
                    case "PATCH" -> {
                        FieldErrors errors = new FieldErrors();
                        McpServerChanges changes = answers.mcpServer(body(request), errors);
                        yield Answer.of(
                                200, answers.mcpServer(admin.updateMcpServer(account, serverId, changes, errors)));
                    }
                    case "DELETE" -> {
                        admin.deleteMcpServer(account, serverId);
                        yield Answer.noContent();
                    }
                    default -> notAllowed("GET, PATCH, DELETE");
                };
            }
        }
        if (size >= 1 && path.get(0).equals("api-token")) {
            if (size == 1) {
                return switch (method) {
                    case "POST" -> {
                        FieldErrors errors = new FieldErrors();
                        ApiTokenChanges changes = answers.apiToken(body(request), errors);
                        ApiTokens.Created created = admin.createApiToken(changes, errors);
                        yield Answer.of(201, answers.createdApiToken(created.apiToken(), created.token()));
                    }
                    case "GET" -> Answer.of(200, answers.apiTokens(admin.apiTokens()));
                    default -> notAllowed("GET, POST");
                };
            }
            if (size == 2) {
                return switch (method) {
                    case "GET" -> Answer.of(200, answers.apiToken(admin.apiToken(path.get(1))));
                    case "DELETE" -> {
                        admin.revokeApiToken(path.get(1));
                        yield Answer.noContent();
                    }
                    default -> notAllowed("GET, DELETE");
                };
            }
        }
        if (size >= 1 && path.get(0).equals("oauth-grant")) {
            if (size == 1) {
                return method.equals("GET")
                        ? Answer.of(200, answers.oauthGrants(admin.oauthGrants()))
                        : notAllowed("GET (grants are made by people on the consent page)");
            }
            if (size == 2) {
                return switch (method) {
                    case "GET" -> Answer.of(200, answers.oauthGrant(admin.oauthGrant(path.get(1))));
                    case "DELETE" -> {
                        admin.revokeOAuthGrant(path.get(1));
                        yield Answer.noContent();
                    }
                    default -> notAllowed("GET, DELETE");
                };
            }
        }
        throw new NotFoundException(
                "There is no admin route " + method + " /" + String.join("/", path) + ": see docs/admin-api.md.");
    }

    private Answer notAllowed(String allowed) {
        return Answer.of(405, answers.error("method_not_allowed", "This route answers " + allowed + "."));
    }

    /**
     * The request body as JSON. A body that is not JSON stops the request at once, as the field
     * {@code body}: its fields cannot be judged one by one.
     */
    private JsonNode body(Request request) throws IOException, InvalidRequestException {
        String contentType = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw InvalidRequestException.of("body", "send JSON with Content-Type: application/json");
        }
        byte[] bytes;
        try {
            bytes = RequestBodies.read(request, MAX_BODY_BYTES, bodyDeadline);
        } catch (RequestBodies.Refused e) {
            throw InvalidRequestException.of(
                    "body",
                    e.status() == 413
                            ? "is larger than " + MAX_BODY_BYTES / 1024 + " KiB"
                            : "did not arrive whole: " + e.getMessage());
        }
        try {
            JsonNode body = json.readTree(bytes);
            if (body == null || body.isMissingNode()) {
                throw InvalidRequestException.of("body", "is empty: send a JSON object");
            }
            if (!body.isObject()) {
                throw InvalidRequestException.of("body", "must be a JSON object");
            }
            return body;
        } catch (JsonProcessingException e) {
            throw InvalidRequestException.of("body", "is not JSON: " + e.getOriginalMessage());
        }
    }

    private void write(Response response, Callback callback, Answer answer) throws IOException {
        if (answer.body().isPresent()) {
            byte[] bytes = json.writerWithDefaultPrettyPrinter()
                    .writeValueAsBytes(answer.body().get());
            JsonAnswers.send(response, callback, answer.status(), bytes);
        } else {
            response.setStatus(answer.status());
            response.write(true, null, callback);
        }
    }

    private static List<String> segments(Request request) {
        return java.util.Arrays.stream(request.getHttpURI().getDecodedPath().split("/"))
                .filter(s -> !s.isEmpty())
                .toList();
    }

    /** The route with ids left out, for logs: {@code /integrated-account/{id}/mcp}. */
    private static String route(List<String> path) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < path.size(); i++) {
            out.append('/').append(i % 2 == 1 ? "{id}" : path.get(i));
        }
        return out.length() == 0 ? "/" : out.toString();
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
