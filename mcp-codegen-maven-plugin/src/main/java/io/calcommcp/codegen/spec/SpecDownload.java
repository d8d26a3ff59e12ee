package io.calcommcp.codegen.spec;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Downloads a spec with the JDK's HTTP client, whole or not at all. Connecting and then receiving
 * the whole answer may each take at most the timeout: a server that accepts the connection and
 * then sends nothing stops the build after the timeout instead of hanging it. Messages name the
 * URL without its user-info, query or fragment, which can carry tokens.
 */
final class SpecDownload {

    /** Why a download failed, in words for the user; the URL as messages may show it. */
    static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;

        Failure(String message) {
            super(message);
        }
    }

    private SpecDownload() {}

    /** The body of a 2xx answer to a GET of {@code url}. */
    static byte[] fetch(String url, Duration timeout) throws Failure {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new Failure("it is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new Failure("only http and https URLs can be downloaded");
        }
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Accept", "application/json, application/yaml, text/plain, */*")
                .GET()
                .build();
        CompletableFuture<HttpResponse<byte[]>> pending =
                client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
        HttpResponse<byte[]> response;
        try {
            // The request timeout covers the wait for the answer's head; this one the body too.
            response = pending.get(timeout.toMillis() * 2, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw new Failure("no complete answer within " + timeout.toSeconds() + " s");
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw new Failure("interrupted");
        } catch (ExecutionException e) {
            throw new Failure(describe(e.getCause(), url));
        }
        if (response.statusCode() / 100 != 2) {
            throw new Failure("the server answered HTTP " + response.statusCode());
        }
        return response.body();
    }

    private static String describe(Throwable cause, String url) {
        if (cause instanceof java.net.http.HttpConnectTimeoutException) {
            return "could not connect within the timeout";
        }
        if (cause instanceof java.net.http.HttpTimeoutException) {
            return "no answer within the timeout";
        }
        if (cause instanceof java.net.ConnectException) {
            return "could not connect (" + (cause.getMessage() == null ? "connection refused" : cause.getMessage())
                    + ")";
        }
        String shown = SpecLoader.displayUrl(url);
        String message =
                cause.getMessage() == null ? "" : ": " + cause.getMessage().replace(url, shown);
        return cause.getClass().getSimpleName() + message;
    }
}
