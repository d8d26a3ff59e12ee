package io.calcommcp.server.cli;

import io.calcommcp.server.cli.args.ArgumentParser;
import io.calcommcp.server.cli.args.CommandSpec;
import io.calcommcp.server.cli.args.ParsedArguments;
import io.calcommcp.server.cli.args.UsageError;
import java.util.List;

/** Not for users: the build's training run for the class-data archive (see {@link Launcher#warmUp}). */
final class WarmUpCommand {

    /** A typical {@code serve} line; only parsed and read, never served. */
    private static final List<String> SERVE_LINE = List.of(
            "--port", "0", "--upstream", "http://127.0.0.1:9", "--data-dir", "warm-up-data", "--allowed-host", "x");

    private final CliContext context;

    WarmUpCommand(CliContext context) {
        this.context = context;
    }

    CommandSpec spec() {
        return CommandSpec.named("warm-up")
                .description("Runs the server's common paths once and exits.")
                .hidden()
                .action(this::run)
                .build();
    }

    private int run(ParsedArguments ignored) throws Exception {
        // Every start of a server reads its flags and the environment first; doing it here puts
        // that path (and the lambdas it spins) into the archive too.
        ServeCommand serve = new ServeCommand(context);
        try {
            ArgumentParser.Run line = (ArgumentParser.Run) ArgumentParser.parse(serve.spec(), SERVE_LINE);
            serve.settings(line.arguments());
        } catch (UsageError e) {
            throw new IllegalStateException("the warm-up's serve line does not parse: " + e.getMessage(), e);
        }
        return context.launcher().warmUp(context);
    }
}
