package io.calcommcp.server;

/** The server's version, from the jar manifest. */
public final class ServerVersion {

    private ServerVersion() {}

    /** The version, or {@code dev} when run from classes rather than the jar. */
    public static String current() {
        String version = ServerVersion.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
