package io.calcommcp.server.store;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the store is: an embedded H2 file under a data directory (the default, nothing to install),
 * or any JDBC URL.
 *
 * @param jdbcUrl the JDBC URL
 * @param user the database user, if the URL needs one
 * @param password the database password; never logged
 * @param dataDirectory where the embedded database and, by default, the encryption key file live
 * @param embedded whether this is the embedded H2 file database
 */
public record StoreLocation(
        String jdbcUrl, Optional<String> user, Optional<String> password, Path dataDirectory, boolean embedded) {

    /** The embedded database's file name, without H2's {@code .mv.db} ending. */
    static final String EMBEDDED_NAME = "mcp-server";

    public StoreLocation {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(dataDirectory, "dataDirectory");
    }

    /**
     * The embedded H2 file database in {@code dataDirectory}. {@code AUTO_SERVER} lets the command
     * line use the file while a server has it open (the first process serves the others over a
     * loopback socket guarded by a secret in the lock file).
     */
    public static StoreLocation embedded(Path dataDirectory) {
        Path file = dataDirectory.toAbsolutePath().normalize().resolve(EMBEDDED_NAME);
        return new StoreLocation(
                "jdbc:h2:file:" + file + ";AUTO_SERVER=TRUE", Optional.empty(), Optional.empty(), dataDirectory, true);
    }

    /** A database at {@code jdbcUrl}, such as PostgreSQL. */
    public static StoreLocation jdbc(
            String jdbcUrl, Optional<String> user, Optional<String> password, Path dataDirectory) {
        return new StoreLocation(jdbcUrl, user, password, dataDirectory, false);
    }

    /** Whether the embedded database file exists yet. */
    boolean embeddedFileExists() {
        return java.nio.file.Files.exists(dataDirectory.resolve(EMBEDDED_NAME + ".mv.db"));
    }

    /** The URL as it may be shown: without a password or anything after {@code ;} or {@code ?}. */
    public String displayUrl() {
        String shown = jdbcUrl;
        int cut = shown.length();
        for (char c : new char[] {';', '?'}) {
            int at = shown.indexOf(c);
            if (at >= 0) {
                cut = Math.min(cut, at);
            }
        }
        shown = shown.substring(0, cut);
        // jdbc:postgresql://user:password@host/db
        return shown.replaceAll("//[^/@]*@", "//");
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return "StoreLocation[" + displayUrl() + "]";
    }
}
