package io.calcommcp.server.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.oauth2.sdk.pkce.CodeChallenge;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A registered OAuth client of {@link OAuthServe} and the person using it, over real HTTP with the
 * JDK's client (no redirects followed, the consent page's cookie kept); PKCE pairs come from the
 * Nimbus SDK, not from the server's own code. For the refusals a real client library would never
 * send on purpose: a wrong verifier, a code twice, a token in a URL.
 */
final class PersonAndClient {

    static final String REDIRECT = "http://127.0.0.1:53682/callback";
    private static final Pattern HIDDEN =
            Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">");

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .cookieHandler(new CookieManager())
            .build();
    final String clientId;

    /** Registers a public client with {@link #REDIRECT} at {@code server}. */
    PersonAndClient(URI base) throws IOException, InterruptedException {
        this.base = base;
        HttpResponse<String> registered = send(HttpRequest.newBuilder(base.resolve("/oauth/register"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(OAuthServe.JSON.writeValueAsString(Map.of(
                        "client_name", "Negative test client",
                        "redirect_uris", List.of(REDIRECT),
                        "token_endpoint_auth_method", "none",
                        "grant_types", List.of("authorization_code", "refresh_token"),
                        "response_types", List.of("code"))))));
        assertEquals(201, registered.statusCode(), registered.body());
        clientId = json(registered).get("client_id").asText();
    }

    /** The authorization request's parameters for this client. */
    Map<String, String> authorization(String redirect, CodeVerifier verifier) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("response_type", "code");
        params.put("client_id", clientId);
        params.put("redirect_uri", redirect);
        params.put("state", "st-" + verifier.getValue().substring(0, 6));
        params.put(
                "code_challenge",
                CodeChallenge.compute(CodeChallengeMethod.S256, verifier).getValue());
        params.put("code_challenge_method", "S256");
        params.put("resource", base.resolve("/mcp").toString());
        return params;
    }

    /** Opens the authorization URL as the person's browser does. */
    HttpResponse<String> authorize(Map<String, String> params) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(base.resolve("/oauth/authorize?" + form(single(params)))));
    }

    /** Consents with {@code apiKey} and {@code access}; the code the browser is sent back with. */
    String code(CodeVerifier verifier, String apiKey, String access) throws IOException, InterruptedException {
        HttpResponse<String> page = authorize(authorization(REDIRECT, verifier));
        assertEquals(200, page.statusCode(), page.body());
        Map<String, List<String>> fields = new LinkedHashMap<>();
        Matcher hidden = HIDDEN.matcher(page.body());
        while (hidden.find()) {
            fields.put(unescape(hidden.group(1)), List.of(unescape(hidden.group(2))));
        }
        fields.put("api_key", List.of(apiKey));
        fields.put("access", List.of(access));
        fields.put("decision", List.of("allow"));
        HttpResponse<String> answer = postForm("/oauth/authorize", fields);
        assertEquals(303, answer.statusCode(), answer.body());
        URI back = URI.create(answer.headers().firstValue("Location").orElseThrow());
        assertEquals(REDIRECT, back.getScheme() + "://" + back.getAuthority() + back.getPath());
        return parameters(back.getRawQuery()).get("code");
    }

    /** Exchanges {@code code} with {@code verifier}. */
    HttpResponse<String> exchange(String code, CodeVerifier verifier) throws IOException, InterruptedException {
        return postForm(
                "/oauth/token",
                Map.of(
                        "grant_type", List.of("authorization_code"),
                        "code", List.of(code),
                        "code_verifier", List.of(verifier.getValue()),
                        "redirect_uri", List.of(REDIRECT),
                        "client_id", List.of(clientId),
                        "resource", List.of(base.resolve("/mcp").toString())));
    }

    /** Exchanges a refresh token. */
    HttpResponse<String> refresh(String refreshToken) throws IOException, InterruptedException {
        return postForm(
                "/oauth/token",
                Map.of(
                        "grant_type", List.of("refresh_token"),
                        "refresh_token", List.of(refreshToken),
                        "client_id", List.of(clientId)));
    }

    /** A whole consent and exchange: the token answer. */
    JsonNode connect(String apiKey, String access) throws IOException, InterruptedException {
        CodeVerifier verifier = new CodeVerifier();
        HttpResponse<String> tokens = exchange(code(verifier, apiKey, access), verifier);
        assertEquals(200, tokens.statusCode(), tokens.body());
        return json(tokens);
    }

    /** A {@code tools/list} at {@code pathAndQuery} of the MCP port, with these headers. */
    HttpResponse<String> listTools(String pathAndQuery, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(pathAndQuery))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}"));
        headers.forEach(request::header);
        return send(request);
    }

    /** {@link #listTools} at {@code /mcp} with {@code accessToken} as the bearer. */
    HttpResponse<String> listTools(String accessToken) throws IOException, InterruptedException {
        return listTools("/mcp", Map.of("Authorization", "Bearer " + accessToken));
    }

    HttpResponse<String> postForm(String path, Map<String, List<String>> fields)
            throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(fields))));
    }

    static JsonNode json(HttpResponse<String> response) throws IOException {
        return OAuthServe.JSON.readTree(response.body());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, List<String>> single(Map<String, String> params) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        params.forEach((name, value) -> fields.put(name, List.of(value)));
        return fields;
    }

    private static String form(Map<String, List<String>> fields) {
        return fields.entrySet().stream()
                .flatMap(field -> field.getValue().stream()
                        .map(value -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "="
                                + URLEncoder.encode(value, StandardCharsets.UTF_8)))
                .collect(Collectors.joining("&"));
    }

    private static Map<String, String> parameters(String rawQuery) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&")) {
            String[] parts = pair.split("=", 2);
            params.put(
                    URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
                    parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "");
        }
        return params;
    }

    private static String unescape(String text) {
        return text.replace("&quot;", "\"")
                .replace("&#39;", "'")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&amp;", "&");
    }
}
