package io.calcommcp.server.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParameterException;

/**
 * How the commands are declared: with picocli's programmatic model rather than its annotations,
 * because reading annotations by reflection made every start of the server measurably slower (see
 * {@code docs/command-line.md}).
 */
final class Commands {

    private Commands() {}

    /** A command that runs {@code action}, which returns the exit code. */
    static CommandSpec runs(String name, Callable<Integer> action, String... description) {
        CommandSpec command = named(CommandSpec.wrapWithoutInspection(action), name);
        command.usageMessage().description(description);
        return command;
    }

    /** A command that groups {@code subcommands}; named alone, it is a usage error that lists them. */
    static CommandSpec groups(String name, List<CommandSpec> subcommands, String... description) {
        MissingCommand missing = new MissingCommand();
        CommandSpec command = named(CommandSpec.wrapWithoutInspection(missing), name);
        missing.group = command;
        command.usageMessage().description(description);
        for (CommandSpec subcommand : subcommands) {
            command.addSubcommand(subcommand.name(), subcommand);
        }
        return command;
    }

    /**
     * {@code command} as the help and the errors list it, without its options and subcommands: for
     * a command the command line does not name, which never runs.
     */
    static CommandSpec listing(TopLevelCommand command) {
        Callable<Integer> never = () -> {
            throw new IllegalStateException(command.name() + " was not built to run");
        };
        CommandSpec listed = named(CommandSpec.wrapWithoutInspection(never), command.name());
        listed.usageMessage().description(command.description()).hidden(command.hidden());
        return listed;
    }

    /** Declares each group's options on {@code command}, in order; returns it. */
    static CommandSpec with(CommandSpec command, Options.Group... groups) {
        for (Options.Group group : groups) {
            group.addTo(command);
        }
        return command;
    }

    /** Declares {@code options} on {@code command}, in order; returns it. */
    static CommandSpec with(CommandSpec command, OptionSpec... options) {
        for (OptionSpec option : options) {
            command.addOption(option);
        }
        return command;
    }

    /** An option with one text value, which the command reads as it is. */
    static OptionSpec text(String name, String label, String description) {
        return textOption(name, label, description).build();
    }

    /** An option with one text value that the command cannot run without. */
    static OptionSpec requiredText(String name, String label, String description) {
        return textOption(name, label, description).required(true).build();
    }

    /** An option without a value. */
    static OptionSpec flag(String name, String description) {
        return OptionSpec.builder(name)
                .type(Boolean.class)
                .arity("0")
                .description(description)
                .build();
    }

    /** Whether the flag {@code option} was given. */
    static boolean given(OptionSpec flag) {
        Boolean value = flag.getValue();
        return value != null && value;
    }

    private static OptionSpec.Builder textOption(String name, String label, String description) {
        return OptionSpec.builder(name).paramLabel(label).type(String.class).description(description);
    }

    /** A required argument that is not an option, such as the id in {@code accounts show ID}. */
    static PositionalParamSpec argument(String label, String description) {
        return PositionalParamSpec.builder()
                .index("0")
                .arity("1")
                .required(true)
                .paramLabel(label)
                .type(String.class)
                .description(description)
                .build();
    }

    /** The subcommands users are offered: all but the hidden ones (commands for the build), in order. */
    static List<String> listedSubcommands(CommandSpec group) {
        return group.subcommands().entrySet().stream()
                .filter(entry ->
                        !entry.getValue().getCommandSpec().usageMessage().hidden())
                .map(entry -> entry.getKey())
                .toList();
    }

    /**
     * Gives {@code command} and every command below it {@code -h}/{@code --help} and {@code
     * -V}/{@code --version} (listed after their own options) and {@code version} as the version.
     */
    static void addHelpAndVersion(CommandSpec command, String version) {
        command.version(version);
        command.addOption(OptionSpec.builder("-h", "--help")
                .usageHelp(true)
                .description("Show this help message and exit.")
                .build());
        command.addOption(OptionSpec.builder("-V", "--version")
                .versionHelp(true)
                .description("Print version information and exit.")
                .build());
        command.subcommands().values().forEach(sub -> addHelpAndVersion(sub.getCommandSpec(), version));
    }

    /**
     * {@code command}, called {@code name}. Help texts are written out in full, so picocli's
     * {@code ${...}} variables are off: an option's text is used as it stands.
     */
    private static CommandSpec named(CommandSpec command, String name) {
        command.interpolateVariables(false);
        command.usageMessage().sortOptions(false).sortSynopsis(false);
        return command.name(name);
    }

    /** What a group runs when no subcommand is named. */
    private static final class MissingCommand implements Callable<Integer> {
        private CommandSpec group;

        @Override
        public Integer call() {
            CommandLine line = group.commandLine();
            throw new ParameterException(line, "Missing command: " + String.join(", ", listedSubcommands(group)) + ".");
        }
    }
}
