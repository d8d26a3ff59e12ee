package io.calcommcp.server.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * The opened store: a connection pool on the database, the schema migrated to the latest version,
 * and the encryption key checked against the one the store was written with. Thread-safe; one per
 * process, shared by the HTTP services and the command line alike.
 */
public final class Store implements AutoCloseable {

    /** The metadata row that proves which key the store was written with. */
    private static final String KEY_CHECK = "key_check";

    private static final String KEY_CHECK_PLAINTEXT = "the store's encryption key";

    /** How long a request waits for a database connection before it is told the store is unavailable. */
    public static final int CONNECTION_TIMEOUT_MILLIS = 1_000;

    private final HikariDataSource dataSource;
    private final Accounts accounts;
    private final McpServers mcpServers;
    private final ApiTokens apiTokens;
    private final OAuthClients oauthClients;
    private final OAuthGrants oauthGrants;
    private final StoreSecrets secrets;
    private final StoreLocation location;
    private final Optional<java.nio.file.Path> createdKeyFile;

    private Store(
            HikariDataSource dataSource,
            SecretBox box,
            Clock clock,
            StoreLocation location,
            Optional<java.nio.file.Path> createdKeyFile) {
        this.dataSource = dataSource;
        Sql sql = new Sql(dataSource);
        this.accounts = new Accounts(sql, box, clock);
        this.mcpServers = new McpServers(sql, clock);
        this.apiTokens = new ApiTokens(sql, clock);
        this.oauthClients = new OAuthClients(sql, clock);
        this.oauthGrants = new OAuthGrants(sql, box, clock);
        this.secrets = new StoreSecrets(sql, box);
        this.location = location;
        this.createdKeyFile = createdKeyFile;
    }

    /**
     * Opens the store: connects, migrates the schema (Flyway takes a lock, so replicas starting
     * together migrate once), and checks the key.
     *
     * @throws StoreException with a message that says what to change: the database is unreachable,
     *     a migration failed, or the key is not the one the store was written with
     */
    public static Store open(StoreLocation location, EncryptionKey keys, Clock clock) throws StoreException {
        return open(location, keys, clock, Optional.empty());
    }

    /**
     * {@link #open(StoreLocation, EncryptionKey, Clock)}, with the connection pool's meters in
     * {@code meterRegistry} (a Micrometer registry, passed as it is to the pool).
     */
    public static Store open(StoreLocation location, EncryptionKey keys, Clock clock, Optional<Object> meterRegistry)
            throws StoreException {
        if (location.embedded()) {
            createDataDirectory(location);
        }
        EncryptionKey.Loaded key = keys.load(location);
        SecretBox box = new SecretBox(key.key());
        HikariDataSource dataSource = connect(location, meterRegistry);
        try {
            migrate(dataSource, location);
            checkKey(new Sql(dataSource), box, key, location);
        } catch (StoreException | RuntimeException e) {
            dataSource.close();
            throw e;
        }
        return new Store(dataSource, box, clock, location, key.createdAt());
    }

    /** Makes the embedded store's data directory if it is missing, and checks that it is writable. */
    static void createDataDirectory(StoreLocation location) throws StoreException {
        Path dir = location.dataDirectory();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new StoreException("Cannot create the data directory " + dir + ": " + e.getMessage()
                    + ". Choose another with --data-dir.");
        }
        if (!Files.isWritable(dir)) {
            throw new StoreException("The data directory " + dir
                    + " is not writable by this user. Make it writable, or choose another with --data-dir.");
        }
    }

    private static HikariDataSource connect(StoreLocation location, Optional<Object> meterRegistry)
            throws StoreException {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(location.jdbcUrl());
        location.user().ifPresent(config::setUsername);
        location.password().ifPresent(config::setPassword);
        config.setPoolName("mcp-store");
        config.setMaximumPoolSize(10);
        config.setMinimumIdle(1);
        // Fail fast: a request that needs the store should hear "unavailable" in seconds, not hang.
        // While the database is down every lookup waits this long for a connection, then answers 503.
        config.setConnectionTimeout(CONNECTION_TIMEOUT_MILLIS);
        config.setValidationTimeout(CONNECTION_TIMEOUT_MILLIS);
        meterRegistry.ifPresent(config::setMetricRegistry);
        config.setInitializationFailTimeout(10_000);
        try {
            return new HikariDataSource(config);
        } catch (HikariPool.PoolInitializationException e) {
            throw new StoreException(
                    "Cannot connect to the database " + location.displayUrl() + " ("
                            + causeName(e) + "). Check the URL, user and password (--db-url, "
                            + "the _DB_USER and _DB_PASSWORD variables), and that the database is running.",
                    e);
        } catch (RuntimeException e) {
            throw new StoreException(
                    "Cannot use the database " + location.displayUrl() + ": " + causeName(e)
                            + ". Check --db-url: it must be a JDBC URL such as jdbc:postgresql://host/db.",
                    e);
        }
    }

    private static void migrate(HikariDataSource dataSource, StoreLocation location) throws StoreException {
        try {
            Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/migration")
                    .failOnMissingLocations(true)
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            throw new StoreException(
                    "Cannot bring the database " + location.displayUrl() + " to the current schema: "
                            + firstLine(e.getMessage())
                            + ". If it was written by a newer version of this server, run that"
                            + " version.",
                    e);
        }
    }

    /** Writes the check value into a new store, or proves the key against the one there. */
    private static void checkKey(Sql sql, SecretBox box, EncryptionKey.Loaded key, StoreLocation location)
            throws StoreException {
        Optional<String> stored = readKeyCheck(sql);
        if (stored.isEmpty()) {
            try {
                sql.update("INSERT INTO store_metadata (name, setting_value) VALUES (?, ?)", s -> {
                    s.setString(1, KEY_CHECK);
                    s.setString(2, box.encrypt(KEY_CHECK_PLAINTEXT, KEY_CHECK));
                });
                return;
            } catch (StoreUnavailableException e) {
                // Another replica wrote it first (a duplicate key): prove ours against theirs.
                stored = readKeyCheck(sql);
                if (stored.isEmpty()) {
                    throw new StoreException(
                            "Cannot write to the database " + location.displayUrl() + ": " + e.getMessage() + ".", e);
                }
            }
        }
        try {
            box.decrypt(stored.get(), KEY_CHECK);
        } catch (SecretBox.WrongKeyException e) {
            throw new StoreException("The encryption key does not match the one the store at " + location.displayUrl()
                    + " was written with, so its API keys cannot be read. Start with the key it was created with"
                    + " (the environment variable or --encryption-key-file)"
                    + (key.createdAt().isPresent() ? "; the key file just created was not it" : "") + ".");
        }
    }

    private static Optional<String> readKeyCheck(Sql sql) {
        return sql.queryOne(
                "SELECT setting_value FROM store_metadata WHERE name = ?",
                s -> s.setString(1, KEY_CHECK),
                row -> row.getString(1));
    }

    public Accounts accounts() {
        return accounts;
    }

    public McpServers mcpServers() {
        return mcpServers;
    }

    public ApiTokens apiTokens() {
        return apiTokens;
    }

    /** The OAuth clients that registered themselves. */
    public OAuthClients oauthClients() {
        return oauthClients;
    }

    /** The grants people gave OAuth clients, with their codes and tokens. */
    public OAuthGrants oauthGrants() {
        return oauthGrants;
    }

    /** Random keys every replica on this database shares. */
    public StoreSecrets secrets() {
        return secrets;
    }

    public StoreLocation location() {
        return location;
    }

    /** The key file created when the store was opened, if this run created one. */
    public Optional<java.nio.file.Path> createdKeyFile() {
        return createdKeyFile;
    }

    /** Whether the database answers now, within about a second. */
    public boolean isReachable() {
        try (var connection = dataSource.getConnection()) {
            return connection.isValid(1);
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    @Override
    public void close() {
        dataSource.close();
    }

    private static String causeName(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + firstLine(root.getMessage()));
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int newline = text.indexOf('\n');
        return (newline < 0 ? text : text.substring(0, newline)).trim();
    }
}
