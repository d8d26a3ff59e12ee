package io.calcommcp.server.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for tests: the machine's own binaries ({@code initdb}, {@code pg_ctl},
 * from {@code POSTGRES_BIN}, {@code /usr/lib/postgresql/<version>/bin} or the PATH) running a
 * fresh cluster in a temporary directory on a free loopback port, with trust authentication.
 * PostgreSQL refuses to run as root, so as root it runs as the {@code postgres} user.
 *
 * <p>Without the binaries the tests fail with a message saying how to install them: a store test
 * that silently did not run would hide exactly the failures it exists to find.
 */
public final class PostgresServer implements AutoCloseable {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static PostgresServer shared;

    private final Path bin;
    private final Path dir;
    private final Path data;
    private final int port;
    private final boolean asPostgresUser;

    private PostgresServer(Path bin, Path dir, int port, boolean asPostgresUser) {
        this.bin = bin;
        this.dir = dir;
        this.data = dir.resolve("data");
        this.port = port;
        this.asPostgresUser = asPostgresUser;
    }

    /** One server for the whole test run, started on first use and stopped when the JVM exits. */
    public static synchronized PostgresServer shared() throws IOException, InterruptedException {
        if (shared == null) {
            shared = start();
            PostgresServer server = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "postgres-stop"));
        }
        return shared;
    }

    /** A new cluster of its own, for a test that stops and restarts it. */
    public static PostgresServer start() throws IOException, InterruptedException {
        Path bin = binaries();
        boolean root = "root".equals(System.getProperty("user.name"));
        Path dir = Files.createTempDirectory("mcp-postgres");
        PostgresServer server = new PostgresServer(bin, dir, freePort(), root);
        if (root) {
            run(List.of("chmod", "755", dir.toString()));
            run(List.of("chown", "postgres", dir.toString()));
        }
        server.pg("initdb", "-D", server.data.toString(), "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync");
        server.startAgain();
        return server;
    }

    /** Starts the (stopped) server again on the same port and data. */
    public void startAgain() throws IOException, InterruptedException {
        pg(
                "pg_ctl",
                "-D",
                data.toString(),
                "-l",
                dir.resolve("server.log").toString(),
                "-o",
                "-p " + port + " -h 127.0.0.1 -k " + dir + " -c fsync=off -c synchronous_commit=off"
                        + " -c full_page_writes=off -c max_connections=200",
                "-w",
                "-t",
                "60",
                "start");
    }

    /** Stops the server at once (fast shutdown: connections are cut). */
    public void stop() throws IOException, InterruptedException {
        pg("pg_ctl", "-D", data.toString(), "-m", "fast", "-w", "stop");
    }

    /** A new empty database on this server; its JDBC URL. */
    public String createDatabase() throws SQLException {
        String name = "mcp_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        try (Connection connection = DriverManager.getConnection(url("postgres"), "postgres", "");
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        }
        return url(name);
    }

    /**
     * The schema versions Flyway applied to the database at {@code url}, each with how many
     * times: {@code ["1x1", "2x1", "3x1"]} when every migration ran once.
     */
    public List<String> appliedMigrations(String url) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, user(), "");
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT version, COUNT(*) FROM flyway_schema_history"
                        + " WHERE success GROUP BY version ORDER BY version")) {
            List<String> applied = new ArrayList<>();
            while (rows.next()) {
                applied.add(rows.getString(1) + "x" + rows.getInt(2));
            }
            return applied;
        }
    }

    /** The user every database here is reached as (trust authentication: no password). */
    public String user() {
        return "postgres";
    }

    public int port() {
        return port;
    }

    private String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    @Override
    public void close() {
        try {
            stop();
        } catch (IOException | InterruptedException e) {
            // Stopped already, or the test run is ending.
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A leftover temp directory is harmless.
        }
    }

    private void pg(String program, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if (asPostgresUser) {
            command.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        command.add(bin.resolve(program).toString());
        command.addAll(Arrays.asList(args));
        run(command);
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + new String(output, StandardCharsets.UTF_8));
        }
    }

    private static Path binaries() throws IOException {
        Optional<Path> fromEnv =
                Optional.ofNullable(System.getenv("POSTGRES_BIN")).map(Path::of);
        if (fromEnv.isPresent()) {
            return fromEnv.get();
        }
        Path debian = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (Stream<Path> versions = Files.list(debian)) {
                Optional<Path> newest = versions.map(v -> v.resolve("bin"))
                        .filter(b -> Files.isExecutable(b.resolve("initdb")))
                        .max(Comparator.comparingInt(b -> Integer.parseInt(
                                b.getParent().getFileName().toString().replaceAll("\\D", "0"))));
                if (newest.isPresent()) {
                    return newest.get();
                }
            }
        }
        for (String entry : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path candidate = Path.of(entry).resolve("initdb");
            if (Files.isExecutable(candidate)) {
                return candidate.toRealPath().getParent();
            }
        }
        throw new IOException("The PostgreSQL server binaries (initdb, pg_ctl) are not installed, so the"
                + " PostgreSQL store tests cannot run. Install them (Debian: apt-get install postgresql) or set"
                + " POSTGRES_BIN to their directory.");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
