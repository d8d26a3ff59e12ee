package io.calcommcp.server.readme;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A reader following one guide on this machine, with two terminals: {@code run} blocks are typed
 * into one shell, in order; a {@code serve} block runs in a terminal of its own until the next one
 * or the end.
 *
 * <p>What the guides take for granted is set up here, once, for every guide alike:
 *
 * <ul>
 *   <li>the working directory is a fresh directory in which {@code generated-server/target/} holds
 *       the jar under test (with its launcher and class-data archive), so {@code ./data}, the store,
 *       is new too, and {@code HOME} is a fresh directory inside it;
 *   <li>{@code java} on the {@code PATH} is the one running this test, and no {@code CALCOM_*}
 *       variable of this machine is passed on;
 *   <li>in the text of every marked block, the command and its shown output alike, the placeholders
 *       of the guides stand for this test's stand-ins, replaced in this order: {@code 8080} and
 *       {@code 8081} for free ports, the public address {@code https://mcp.example.com} for the
 *       server's own {@code http://127.0.0.1:<port>}, {@code https://api.cal.com} for a fake Cal.com
 *       and {@code cal_live_...} for a test key;
 *   <li>where the guides rely on defaults, the environment makes the defaults those stand-ins:
 *       {@code CALCOM_MCP_PORT}, {@code CALCOM_MCP_ADMIN_PORT} and {@code CALCOM_API_BASE_URL}.
 * </ul>
 *
 * <p>Every command must succeed: the shell runs with {@code set -euo pipefail}, so a failing command
 * or an unset variable ends the guide there.
 */
final class GuideSession implements AutoCloseable {

    /** The Cal.com key the guides' {@code cal_live_...} stands for. */
    static final String API_KEY = "cal_test_guide_key_7f3a";

    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(180);
    private static final Duration SERVE_TIMEOUT = Duration.ofSeconds(120);

    private final Path directory;
    private final Map<String, String> environment;
    private final Map<String, String> standIns;
    private final int httpPort;
    private final Process shell;
    private final BlockingQueue<Optional<String>> shellOutput = new LinkedBlockingQueue<>();
    private final Writer shellInput;
    private final List<Process> servers = new ArrayList<>();
    private int blockNumber;

    private GuideSession(Path directory, Map<String, String> environment, Map<String, String> standIns, int httpPort)
            throws IOException {
        this.directory = directory;
        this.environment = environment;
        this.standIns = standIns;
        this.httpPort = httpPort;
        ProcessBuilder builder = process("bash", "--noprofile", "--norc", "-s");
        shell = builder.start();
        shellInput = new OutputStreamWriter(shell.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(
                () -> copyLines(
                        shell, line -> shellOutput.add(Optional.of(line)), () -> shellOutput.add(Optional.empty())),
                "guide-shell-output");
        reader.setDaemon(true);
        reader.start();
        type("set -euo pipefail\nexec 2>&1\n");
    }

    /**
     * A new session for {@code guide}, against a fake Cal.com at {@code calcom}, with {@code jar} as
     * the jar under test.
     */
    static GuideSession open(String guide, Path jar, URI calcom) throws IOException {
        Path root = Paths.get(System.getProperty("calcom.test.dir", "target/test-work"));
        Files.createDirectories(root);
        Path directory = Files.createTempDirectory(root, "guide-" + guide.replaceAll("[^A-Za-z0-9]", "-") + "-")
                .toAbsolutePath();
        Path target = Files.createDirectories(directory.resolve("generated-server/target"));
        Path built = jar.toAbsolutePath().getParent();
        for (String name : List.of("calcom-mcp-server.jar", "calcom-mcp-server", "calcom-mcp-server.jsa")) {
            if (Files.exists(built.resolve(name))) {
                Files.createSymbolicLink(target.resolve(name), built.resolve(name));
            }
        }
        Files.createDirectories(directory.resolve("home"));
        Files.createDirectories(directory.resolve(".guide"));

        int httpPort = freePort();
        int adminPort = freePort();
        Map<String, String> standIns = new LinkedHashMap<>();
        standIns.put("8080", String.valueOf(httpPort));
        standIns.put("8081", String.valueOf(adminPort));
        standIns.put("https://mcp.example.com", "http://127.0.0.1:" + httpPort);
        standIns.put("https://api.cal.com", calcom.toString());
        standIns.put("cal_live_...", API_KEY);

        Map<String, String> environment = new LinkedHashMap<>(System.getenv());
        environment.keySet().removeIf(name -> name.startsWith("CALCOM_") || name.startsWith("MCP_"));
        environment.remove("JAVA_OPTS");
        environment.put("PATH", Paths.get(System.getProperty("java.home"), "bin") + ":" + System.getenv("PATH"));
        environment.put("HOME", directory.resolve("home").toString());
        environment.put("CALCOM_MCP_PORT", String.valueOf(httpPort));
        environment.put("CALCOM_MCP_ADMIN_PORT", String.valueOf(adminPort));
        environment.put("CALCOM_API_BASE_URL", calcom.toString());
        // In this order: the addresses put in last carry port numbers that must not be replaced again.
        return new GuideSession(directory, environment, Collections.unmodifiableMap(standIns), httpPort);
    }

    /** The port the guide's server listens on (its {@code 8080}). */
    int httpPort() {
        return httpPort;
    }

    /**
     * Runs every block of a guide in order and returns each block's output, failing at the first
     * block that fails or does not show its output.
     */
    List<List<String>> follow(List<MarkedBlock> blocks) throws IOException, InterruptedException {
        List<List<String>> outputs = new ArrayList<>();
        for (MarkedBlock block : blocks) {
            outputs.add(block.kind() == MarkedBlock.Kind.RUN ? run(block) : serve(block));
        }
        return outputs;
    }

    /** Types a run block into the shell and returns its output once it has finished. */
    List<String> run(MarkedBlock raw) throws IOException, InterruptedException {
        MarkedBlock block = raw.substituted(standIns);
        Path script = directory.resolve(".guide/block-" + (++blockNumber) + ".sh");
        Files.writeString(script, block.text() + "\n");
        String end = "[end of ReadmeCommandsIT block " + blockNumber + "]";
        type(". '" + directory.relativize(script) + "' < /dev/null\necho '" + end + "'\n");
        List<String> output = new ArrayList<>();
        long deadline = System.nanoTime() + RUN_TIMEOUT.toNanos();
        while (true) {
            Optional<String> next = shellOutput.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (next == null) {
                fail(block.where() + ": did not finish within " + RUN_TIMEOUT.toSeconds() + " s; its output so far:\n"
                        + String.join("\n", output));
            }
            if (next.isEmpty()) {
                shell.waitFor(10, TimeUnit.SECONDS);
                fail(block.where() + ": a command failed (the shell exited with status "
                        + (shell.isAlive() ? "?" : shell.exitValue()) + "); its output:\n" + String.join("\n", output));
            }
            String line = next.get();
            if (line.endsWith(end)) {
                // The marker ends a line of its own, or the block's last output when that had no
                // newline at its end (as curl prints most answers).
                if (line.length() > end.length()) {
                    output.add(line.substring(0, line.length() - end.length()));
                }
                break;
            }
            output.add(line);
        }
        checkShown(block, output);
        return output;
    }

    /**
     * Starts a serve block in a terminal of its own and returns its output once it shows what the
     * guide says it shows; a server started before it is stopped first.
     */
    List<String> serve(MarkedBlock raw) throws IOException, InterruptedException {
        MarkedBlock block = raw.substituted(standIns);
        stopServers();
        Path script = directory.resolve(".guide/serve-" + (++blockNumber) + ".sh");
        Files.writeString(script, block.text() + "\n");
        Process server = process(
                        "bash",
                        "--noprofile",
                        "--norc",
                        "-euo",
                        "pipefail",
                        directory.relativize(script).toString())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        servers.add(server);
        List<String> output = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> copyLines(server, output::add, () -> {}), "guide-server-output");
        reader.setDaemon(true);
        reader.start();
        List<String> expected = block.expectedOutput();
        long deadline = System.nanoTime() + SERVE_TIMEOUT.toNanos();
        while (!ExpectedOutput.shows(expected, output)) {
            if (!server.isAlive()) {
                reader.join(5_000);
                fail(block.where() + ": the server stopped (status " + server.exitValue()
                        + ") before it showed what the guide says; its output:\n" + String.join("\n", output));
            }
            if (System.nanoTime() > deadline) {
                fail(block.where() + ": the server did not show \""
                        + ExpectedOutput.firstMissing(expected, output).orElse("") + "\" within "
                        + SERVE_TIMEOUT.toSeconds() + " s; its output:\n" + String.join("\n", output));
            }
            Thread.sleep(100);
        }
        return List.copyOf(output);
    }

    private static void checkShown(MarkedBlock block, List<String> output) {
        ExpectedOutput.firstMissing(block.expectedOutput(), output)
                .ifPresent(missing -> fail(block.where() + ": the guide shows \"" + missing
                        + "\", but the commands printed:\n" + String.join("\n", output)));
    }

    private ProcessBuilder process(String... command) {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.directory(directory.toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        builder.redirectErrorStream(true);
        return builder;
    }

    private void type(String text) throws IOException {
        shellInput.write(text);
        shellInput.flush();
    }

    private static void copyLines(Process process, Consumer<String> sink, Runnable atEnd) {
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                sink.accept(line);
            }
        } catch (IOException e) {
            // The process was stopped: its output ends here.
        } finally {
            atEnd.run();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private void stopServers() {
        for (Process server : servers) {
            stop(server);
        }
        servers.clear();
    }

    /** Stops a process and everything it started, as closing its terminal would. */
    private static void stop(Process process) {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        tree.forEach(ProcessHandle::destroy);
        for (ProcessHandle handle : tree) {
            // A server lets running calls finish first; none run at the end of a guide.
            handle.onExit().completeOnTimeout(handle, 30, TimeUnit.SECONDS).join();
            handle.destroyForcibly();
        }
    }

    @Override
    public void close() {
        stopServers();
        stop(shell);
    }
}
