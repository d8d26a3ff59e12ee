package io.calcommcp.server.oauth.testing;

import io.calcommcp.server.oauth.KeyCheck;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The key check as the server's wiring would make it, against the fake API: one {@code GET /me}
 * with the key; 200 accepts, 401 and 403 refuse, anything else is "unavailable".
 */
public final class ApiKeyCheck implements KeyCheck {

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String baseUrl;

    public ApiKeyCheck(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    @Override
    public Result check(String apiKey) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/me"))
                .header("Authorization", "Bearer " + apiKey)
                .timeout(Duration.ofSeconds(2))
                .build();
        try {
            int status =
                    http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status == 200) {
                return new Result.Accepted();
            }
            if (status == 401 || status == 403) {
                return new Result.Refused("The API refused this key (HTTP " + status
                        + "): check that you copied the whole key and that it is not revoked.");
            }
            return new Result.Unavailable("The API could not check the key just now (HTTP " + status + "); try again.");
        } catch (IOException e) {
            return new Result.Unavailable("The API could not be reached; try again.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result.Unavailable("Interrupted; try again.");
        }
    }
}
