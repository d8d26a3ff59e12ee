package io.calcommcp.server.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.calcommcp.server.engine.ToolSet;
import java.io.InputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;

/**
 * What every command runs with: the process's environment and streams, the tools, and how to start
 * the servers. Passed in, so tests run commands in-process with their own of each.
 *
 * @param env the environment variables
 * @param in standard input (API keys may be piped in)
 * @param out standard output
 * @param err standard error
 * @param tools the generated tools and their vendor profile
 * @param json the JSON mapper
 * @param clock the time, for expiries
 * @param launcher starts {@code serve} and {@code stdio}
 * @param command how the user starts this program, such as {@code java -jar server.jar}
 * @param version the server's version, for {@code --version}
 */
public record CliContext(
        Map<String, String> env,
        InputStream in,
        PrintStream out,
        PrintStream err,
        ToolSet tools,
        ObjectMapper json,
        Clock clock,
        Launcher launcher,
        String command,
        String version) {

    /** Reads flags and variables with this context's environment and vendor profile. */
    public ConfigReader config() {
        return new ConfigReader(env, tools.profile(), command);
    }
}
