package io.calcommcp.server.cli;

import picocli.AutoComplete;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@code completion}: the bash and zsh completion script of every command, option and value kind,
 * written by {@link AutoComplete} from the same command tree that parses the command line.
 */
final class CompletionCommand implements TopLevelCommand {

    /** The command's name; a command line that names it builds every command, to complete them all. */
    static final String NAME = "completion";

    private final CliContext context;
    private OptionSpec program;
    private CommandSpec spec;

    CompletionCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String[] description() {
        return new String[] {
            "Prints a completion script for bash (and zsh, through bashcompinit): load it with"
                    + " source <(" + context.command() + " completion), or save it where your shell"
                    + " reads completions."
        };
    }

    @Override
    public CommandSpec spec() {
        program = Commands.text(
                "--program",
                "NAME",
                "The name the script completes, as it is typed (default: " + defaultProgram(context.command())
                        + ", the launcher beside the jar)");
        spec = Commands.with(Commands.runs(name(), this::run, description()), program);
        return spec;
    }

    /** The program a user types: the jar's name without {@code .jar}, as the launcher beside it is called. */
    static String defaultProgram(String command) {
        String last = command.substring(command.lastIndexOf(' ') + 1);
        return last.endsWith(".jar") ? last.substring(0, last.length() - ".jar".length()) : last;
    }

    private int run() {
        String name = program.getValue();
        String script = AutoComplete.bash(
                name == null ? defaultProgram(context.command()) : name,
                spec.root().commandLine());
        // Not println: a script with Windows line ends fails in bash in strange ways.
        context.out().print(script + "\n");
        context.out().flush();
        return 0;
    }
}
