package io.calcommcp.server.prism;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * Prism 5.16.0 in mock mode on a spec: validates every request against the spec (an invalid one
 * gets 422) and answers with the spec's examples. Runs on the pinned Node 22.
 */
public final class PrismMock implements AutoCloseable {

    private final Process process;
    private final URI baseUrl;
    private final Path log;

    private PrismMock(Process process, URI baseUrl, Path log) {
        this.process = process;
        this.baseUrl = baseUrl;
        this.log = log;
    }

    /** Starts Prism and waits until it listens. */
    public static PrismMock start(Path spec) throws IOException, InterruptedException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path log = NodeTools.workDir().resolve("prism.log");
        Process process = new ProcessBuilder(
                        NodeTools.node().toString(),
                        NodeTools.prism().toString(),
                        "mock",
                        "--host",
                        "127.0.0.1",
                        "--port",
                        String.valueOf(port),
                        spec.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        PrismMock prism = new PrismMock(process, URI.create("http://127.0.0.1:" + port), log);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new AssertionError("Prism exited with " + process.exitValue() + ":\n" + prism.logText());
            }
            if (prism.logText().contains("Prism is listening")) {
                return prism;
            }
            Thread.sleep(100);
        }
        prism.close();
        throw new AssertionError("Prism did not start within 90 s:\n" + prism.logText());
    }

    /** Where Prism listens. */
    public URI baseUrl() {
        return baseUrl;
    }

    /** Prism's output so far. */
    public String logText() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
