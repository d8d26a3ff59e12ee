package io.calcommcp.server.fleet;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** One server process from the built jar, on its own ports, on a shared database. */
final class Replica implements AutoCloseable {

    static final String ADMIN_TOKEN = "fleet-admin-token-0123456789abcdef";
    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final Process process;
    private final int port;
    private final int adminPort;
    private final Path stderr;
    private final List<String> stdout = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Void> started = new CompletableFuture<>();

    private Replica(Process process, int port, int adminPort, Path stderr) {
        this.process = process;
        this.port = port;
        this.adminPort = adminPort;
        this.stderr = stderr;
        Thread reader = new Thread(this::readOutput, "replica-" + port);
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts a replica; {@link #awaitStarted} waits for it. */
    static Replica start(Map<String, String> env) throws IOException {
        int port = freePort();
        int adminPort = freePort();
        Path stderr = Files.createTempFile("replica", ".log");
        ProcessBuilder builder = new ProcessBuilder(
                Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                Paths.get(System.getProperty("calcom.server.jar", "target/calcom-mcp-server.jar"))
                        .toString(),
                "serve",
                "--port",
                String.valueOf(port),
                "--admin-port",
                String.valueOf(adminPort));
        builder.environment().putAll(env);
        builder.environment().put("CALCOM_MCP_ADMIN_TOKEN", ADMIN_TOKEN);
        builder.redirectError(stderr.toFile());
        return new Replica(builder.start(), port, adminPort, stderr);
    }

    void awaitStarted() throws Exception {
        try {
            started.get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("replica on port " + port + " did not start: " + stdout + "\n" + log(), e);
        }
    }

    private void readOutput() {
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                stdout.add(line);
                if (line.startsWith("Admin API: http://")) {
                    started.complete(null);
                }
            }
        } catch (IOException e) {
            // The process ended.
        }
        started.completeExceptionally(new IOException("its output ended before it started"));
    }

    String mcpUrl(String token) {
        return "http://127.0.0.1:" + port + "/mcp/" + token;
    }

    int port() {
        return port;
    }

    Process process() {
        return process;
    }

    String log() {
        try {
            return Files.readString(stderr);
        } catch (IOException e) {
            return "";
        }
    }

    /** An admin API call with the admin token. */
    HttpResponse<String> admin(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + path))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + ADMIN_TOKEN)
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A GET on the MCP port. */
    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** One JSON-RPC POST to {@code url}, with {@code authorization} if not null. */
    static HttpResponse<String> post(String url, String json, String authorization)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
