package io.calcommcp.server.cli.args;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Matches a command line to a tree of {@link CommandSpec}s. Subcommands come first ({@code accounts
 * create}), then options and arguments in any order; {@code --name=VALUE} and {@code --name VALUE}
 * mean the same; {@code --} ends the options. {@code -h}/{@code --help} and {@code -V}/{@code
 * --version} are understood by every command.
 */
public final class ArgumentParser {

    /** What the command line asks for. */
    public sealed interface Outcome {}

    /** The help of the last command of {@code path}. */
    public record Help(List<CommandSpec> path) implements Outcome {}

    /** The version. */
    public record Version() implements Outcome {}

    /** Run the last command of {@code path} with {@code arguments}. */
    public record Run(List<CommandSpec> path, ParsedArguments arguments) implements Outcome {}

    private ArgumentParser() {}

    /** Parses {@code args} against {@code root}; a line that does not fit is a {@link UsageError}. */
    public static Outcome parse(CommandSpec root, List<String> args) throws UsageError {
        List<CommandSpec> path = new ArrayList<>(List.of(root));
        CommandSpec command = root;
        Map<OptionSpec, List<String>> values = new LinkedHashMap<>();
        Map<OptionSpec, Boolean> switches = new LinkedHashMap<>();
        List<String> positionals = new ArrayList<>();
        boolean optionsEnded = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!optionsEnded && arg.equals("--")) {
                optionsEnded = true;
            } else if (!optionsEnded && (arg.equals("-h") || arg.equals("--help"))) {
                return new Help(List.copyOf(path));
            } else if (!optionsEnded && (arg.equals("-V") || arg.equals("--version"))) {
                return new Version();
            } else if (!optionsEnded && arg.startsWith("-") && arg.length() > 1) {
                int equals = arg.indexOf('=');
                String name = equals < 0 ? arg : arg.substring(0, equals);
                String inline = equals < 0 ? null : arg.substring(equals + 1);
                CommandSpec current = command;
                OptionSpec option = command.option(name)
                        .orElseThrow(() -> new UsageError(
                                path,
                                "Unknown option: '" + arg + "'."
                                        + suggestion(
                                                name,
                                                current.options().stream()
                                                        .map(OptionSpec::name)
                                                        .toList())));
                if (!option.takesValue()) {
                    if (inline != null) {
                        throw new UsageError(path, "Option '" + name + "' takes no value.");
                    }
                    if (switches.containsKey(option)) {
                        throw new UsageError(path, "Option '" + option.synopsis() + "' is given twice.");
                    }
                    // A negatable option was matched by its name or by its --no- spelling.
                    switches.put(option, name.equals(option.name()));
                    continue;
                }
                String value = inline;
                if (value == null) {
                    boolean nextIsOption = i + 1 < args.size()
                            && command.option(args.get(i + 1).split("=", 2)[0]).isPresent();
                    if (i + 1 == args.size() || nextIsOption) {
                        throw new UsageError(path, "Option '" + name + "' needs a value: " + option.synopsis() + ".");
                    }
                    value = args.get(++i);
                }
                List<String> given = values.computeIfAbsent(option, o -> new ArrayList<>());
                switch (option.kind()) {
                    case VALUE -> {
                        if (!given.isEmpty()) {
                            throw new UsageError(path, "Option '" + name + "' is given twice.");
                        }
                        given.add(value);
                    }
                    case COMMA_SEPARATED -> given.addAll(List.of(value.split(",", -1)));
                    default -> given.add(value);
                }
            } else if (!command.subcommands().isEmpty()) {
                CommandSpec subcommand = command.subcommands().get(arg);
                if (subcommand == null) {
                    throw new UsageError(
                            path,
                            "Unknown command: '" + arg + "'; the commands are " + String.join(", ", names(command))
                                    + "." + suggestion(arg, names(command)));
                }
                path.add(subcommand);
                command = subcommand;
            } else if (positionals.size() < command.positionals().size()) {
                positionals.add(arg);
            } else {
                throw new UsageError(path, "Unexpected argument: '" + arg + "'.");
            }
        }
        if (!command.subcommands().isEmpty()) {
            throw new UsageError(path, "Missing command: " + String.join(", ", names(command)) + ".");
        }
        for (OptionSpec option : command.options()) {
            if (option.isRequired() && !values.containsKey(option)) {
                throw new UsageError(path, "Missing required option: '" + option.synopsis() + "'.");
            }
        }
        if (positionals.size() < command.positionals().size()) {
            throw new UsageError(
                    path,
                    "Missing required argument: '"
                            + command.positionals().get(positionals.size()).label() + "'.");
        }
        return new Run(List.copyOf(path), new ParsedArguments(values, switches, positionals));
    }

    /** " Did you mean 'x'?" for the one name within two edits of {@code given}, else nothing. */
    private static String suggestion(String given, List<String> names) {
        List<String> close =
                names.stream().filter(name -> distance(given, name) <= 2).toList();
        return close.size() == 1 ? " Did you mean '" + close.get(0) + "'?" : "";
    }

    /** Levenshtein distance: the fewest insertions, deletions and replacements from a to b. */
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int replace = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(replace, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    /** The subcommands users may run, for error messages. */
    private static List<String> names(CommandSpec group) {
        return group.listedSubcommands().stream().map(CommandSpec::name).toList();
    }
}
