package io.calcommcp.server.oauth.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An OAuth client and a person's browser, over real HTTP with the JDK's client: it registers,
 * opens the authorization URL, fills the consent form (its hidden fields read from the page, its
 * cookie kept), follows nothing by itself, and exchanges codes. PKCE is computed here with the
 * JDK's SHA-256, independently of the server's library.
 */
public final class TestClient {

    public static final String REDIRECT = "http://127.0.0.1:53682/callback";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern HIDDEN =
            Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">");

    private final OAuthServer server;
    private final HttpClient http;

    public TestClient(OAuthServer server) {
        this.server = server;
        this.http = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .cookieHandler(new CookieManager())
                .build();
    }

    /** A PKCE pair: a random verifier and its S256 challenge. */
    public record Pkce(String verifier, String challenge) {
        public static Pkce random() {
            byte[] bytes = new byte[32];
            new SecureRandom().nextBytes(bytes);
            String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            return new Pkce(verifier, challenge(verifier));
        }

        public static String challenge(String verifier) {
            try {
                return Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(MessageDigest.getInstance("SHA-256")
                                .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** A consent page as the browser received it. */
    public record ConsentPage(HttpResponse<String> response, Map<String, String> hidden) {
        public String html() {
            return response.body();
        }
    }

    /** The tokens of a finished flow. */
    public record Tokens(String accessToken, String refreshToken, long expiresIn) {}

    public HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(server.url(pathAndQuery)).build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> get(String pathAndQuery, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.url(pathAndQuery));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> postForm(String path, Map<String, List<String>> form)
            throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(server.url(path))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(encode(form)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> postJson(String path, String json) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(server.url(path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Registers a public client with these redirect URIs; its client id. */
    public String register(String... redirectUris) throws IOException, InterruptedException {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("client_name", "Test Client");
        metadata.put("redirect_uris", List.of(redirectUris));
        metadata.put("token_endpoint_auth_method", "none");
        metadata.put("grant_types", List.of("authorization_code", "refresh_token"));
        metadata.put("response_types", List.of("code"));
        HttpResponse<String> response = postJson("/oauth/register", JSON.writeValueAsString(metadata));
        assertEquals(201, response.statusCode(), response.body());
        return json(response).get("client_id").asText();
    }

    /** The authorization request's query for a client, a redirect URI and a PKCE challenge. */
    public Map<String, String> authorizationRequest(String clientId, String redirectUri, Pkce pkce) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("response_type", "code");
        params.put("client_id", clientId);
        params.put("redirect_uri", redirectUri);
        params.put("state", "state-" + pkce.challenge().substring(0, 8));
        params.put("code_challenge", pkce.challenge());
        params.put("code_challenge_method", "S256");
        params.put("resource", server.settings.resource().toString());
        return params;
    }

    /** Opens the authorization URL. */
    public HttpResponse<String> authorize(Map<String, String> params) throws IOException, InterruptedException {
        return get("/oauth/authorize?" + encodeSingle(params));
    }

    /** Opens the authorization URL, expecting the consent page. */
    public ConsentPage consentPage(Map<String, String> params) throws IOException, InterruptedException {
        HttpResponse<String> response = authorize(params);
        assertEquals(200, response.statusCode(), response.body());
        return new ConsentPage(response, hiddenFields(response.body()));
    }

    /** Submits the consent form as a person would: key, access and tags, and "allow". */
    public HttpResponse<String> submit(ConsentPage page, String apiKey, String access, List<String> tags)
            throws IOException, InterruptedException {
        Map<String, List<String>> form = new LinkedHashMap<>();
        page.hidden().forEach((name, value) -> form.put(name, List.of(value)));
        form.put("api_key", List.of(apiKey));
        form.put("access", List.of(access));
        if (!tags.isEmpty()) {
            form.put("tags", tags);
        }
        form.put("decision", List.of("allow"));
        return postForm("/oauth/authorize", form);
    }

    /** The value of a query parameter of a redirect's Location. */
    public static Optional<String> redirectParameter(HttpResponse<String> response, String name) {
        String location = response.headers().firstValue("Location").orElseThrow();
        String query = URI.create(location).getRawQuery();
        if (query == null) {
            return Optional.empty();
        }
        for (String pair : query.split("&")) {
            String[] parts = pair.split("=", 2);
            if (URLDecoder.decode(parts[0], StandardCharsets.UTF_8).equals(name)) {
                return Optional.of(parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "");
            }
        }
        return Optional.empty();
    }

    /** Consents and returns the code (the redirect is checked to go to {@code redirectUri}). */
    public String code(String clientId, String redirectUri, Pkce pkce, String apiKey, String access)
            throws IOException, InterruptedException {
        ConsentPage page = consentPage(authorizationRequest(clientId, redirectUri, pkce));
        HttpResponse<String> answer = submit(page, apiKey, access, List.of());
        assertEquals(303, answer.statusCode(), answer.body());
        String location = answer.headers().firstValue("Location").orElseThrow();
        assertEquals(redirectUri, location.substring(0, location.indexOf('?')));
        return redirectParameter(answer, "code").orElseThrow();
    }

    /** Exchanges a code. */
    public HttpResponse<String> exchange(String clientId, String code, String verifier, String redirectUri)
            throws IOException, InterruptedException {
        Map<String, List<String>> form = new LinkedHashMap<>();
        form.put("grant_type", List.of("authorization_code"));
        form.put("code", List.of(code));
        form.put("code_verifier", List.of(verifier));
        form.put("redirect_uri", List.of(redirectUri));
        form.put("client_id", List.of(clientId));
        form.put("resource", List.of(server.settings.resource().toString()));
        return postForm("/oauth/token", form);
    }

    /** Exchanges a refresh token. */
    public HttpResponse<String> refresh(String clientId, String refreshToken) throws IOException, InterruptedException {
        return postForm(
                "/oauth/token",
                Map.of(
                        "grant_type", List.of("refresh_token"),
                        "refresh_token", List.of(refreshToken),
                        "client_id", List.of(clientId)));
    }

    /** The whole flow for a new registered client: its tokens. */
    public Tokens connect(String clientId, String apiKey, String access) throws IOException, InterruptedException {
        Pkce pkce = Pkce.random();
        String code = code(clientId, REDIRECT, pkce, apiKey, access);
        return tokens(exchange(clientId, code, pkce.verifier(), REDIRECT));
    }

    /** Reads a successful token answer. */
    public static Tokens tokens(HttpResponse<String> response) throws IOException {
        assertEquals(200, response.statusCode(), response.body());
        JsonNode json = json(response);
        assertEquals("Bearer", json.get("token_type").asText());
        assertNotNull(json.get("refresh_token"), response.body());
        return new Tokens(
                json.get("access_token").asText(),
                json.get("refresh_token").asText(),
                json.get("expires_in").asLong());
    }

    /** Calls the guarded stand-in of {@code /mcp} with a bearer token. */
    public HttpResponse<String> callMcp(String path, String accessToken) throws IOException, InterruptedException {
        return get(path, Map.of("Authorization", "Bearer " + accessToken));
    }

    public static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }

    /** The hidden inputs of a page, unescaped. */
    public static Map<String, String> hiddenFields(String html) {
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher matcher = HIDDEN.matcher(html);
        while (matcher.find()) {
            fields.put(unescape(matcher.group(1)), unescape(matcher.group(2)));
        }
        return fields;
    }

    private static String unescape(String html) {
        return html.replace("&quot;", "\"")
                .replace("&apos;", "'")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&amp;", "&");
    }

    private static String encodeSingle(Map<String, String> params) {
        Map<String, List<String>> multi = new LinkedHashMap<>();
        params.forEach((name, value) -> multi.put(name, List.of(value)));
        return encode(multi);
    }

    public static String encode(Map<String, List<String>> form) {
        List<String> pairs = new ArrayList<>();
        form.forEach((name, values) -> values.forEach(value -> pairs.add(URLEncoder.encode(name, StandardCharsets.UTF_8)
                + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8))));
        return String.join("&", pairs);
    }
}
