package io.calcommcp.server.cli;

import io.calcommcp.toolapi.VendorProfile;

/** The help texts of the command line, in the words of the API the tools call. */
public final class CommandHelp {

    private final VendorProfile profile;
    private final String command;

    /** @param command how the user starts the server, such as {@code java -jar server.jar} */
    public CommandHelp(VendorProfile profile, String command) {
        this.profile = profile;
        this.command = command;
    }

    private String variable(String suffix) {
        return profile.environmentVariable(suffix);
    }

    public String usage() {
        return """
                Usage: %1$s <command> [options]

                An MCP server for the %2$s API, with one tool per API operation.

                Commands:
                  serve    Serve MCP over Streamable HTTP at /mcp (for ChatGPT and other remote clients)
                  stdio    Serve MCP over stdin/stdout (for clients that launch the server themselves)
                  tools    Print the tools this server offers

                Run '%1$s <command> --help' for a command's options.
                """.formatted(command, profile.displayName());
    }

    private String upstreamHelp() {
        String base = profile.defaultBaseUrl().isEmpty() ? "required" : "default " + profile.defaultBaseUrl();
        return """
                  --upstream URL           %1$s API base URL (env %2$s, %3$s)
                  --connect-timeout SECS   Time to connect to the API (env %4$s, default 10)
                  --read-timeout SECS      Time to wait for the API's answer (env %5$s, default 30)
                  --help                   Show this help

                Environment:
                  %6$s
                                           Required. The %1$s API key; sent to the API as its %7$s
                                           header, never shown to the model, never logged.
                """.formatted(
                        profile.displayName(),
                        variable("API_BASE_URL"),
                        base,
                        variable("CONNECT_TIMEOUT"),
                        variable("READ_TIMEOUT"),
                        variable("API_KEY"),
                        profile.credential().header());
    }

    public String serve() {
        return """
                Usage: %1$s serve [options]

                Serves MCP over Streamable HTTP at http://HOST:PORT/mcp, stateless (no sessions), so any
                number of replicas can sit behind a load balancer. Prints the URL to paste into ChatGPT.

                Options:
                  --port N                 Port to listen on (env %2$s, default 8080; 0 picks a free port)
                  --host ADDR              Address to bind (env %3$s, default 127.0.0.1; 0.0.0.0 for all)
                  --public-url URL         The URL clients reach this server at through a proxy or tunnel, e.g.
                                           https://mcp.example.com (env %4$s); its host is allowed
                  --allowed-host HOST      Also accept this Host header, e.g. mcp.example.com or 10.0.0.5:8080;
                                           repeatable (env %5$s, comma-separated)
                  --allowed-origin ORIGIN  Also accept this Origin header, e.g. https://app.example.com; repeatable
                                           (env %6$s, comma-separated)
                """.formatted(
                                command,
                                variable("MCP_PORT"),
                                variable("MCP_HOST"),
                                variable("MCP_PUBLIC_URL"),
                                variable("MCP_ALLOWED_HOSTS"),
                                variable("MCP_ALLOWED_ORIGINS"))
                + upstreamHelp();
    }

    public String stdio() {
        return """
                Usage: %1$s stdio [options]

                Serves MCP over stdin/stdout until stdin closes. Logs go to stderr only.

                Options:
                """.formatted(command) + upstreamHelp();
    }

    public String tools() {
        return """
                Usage: %1$s tools [--json]

                Prints the tools this server offers: one line each (name, access, method, path), or with
                --json a JSON array of objects with name, title, description, operationId, method, path,
                access, tags, annotations and inputSchema. Needs no API key.

                Options:
                  --json    Print JSON
                  --help    Show this help
                """.formatted(command);
    }
}
