package io.calcommcp.server.cli.args;

/**
 * A required argument that is not an option, such as the id in {@code accounts show ID}.
 *
 * @param label its name in the synopsis, e.g. {@code ID}
 * @param description its help text
 */
public record Positional(String label, String description) {}
