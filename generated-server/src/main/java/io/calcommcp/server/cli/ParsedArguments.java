package io.calcommcp.server.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Options of one command: {@code --name value}, {@code --name=value} and boolean {@code --flag}.
 * Unknown options and positional arguments are errors, so a typo is never silently ignored.
 */
public final class ParsedArguments {

    private final Map<String, List<String>> values;

    private ParsedArguments(Map<String, List<String>> values) {
        this.values = values;
    }

    /**
     * Parses {@code args}.
     *
     * @param command the command name, for messages
     * @param valueOptions options that take a value (without the leading dashes)
     * @param flags options that take none
     */
    public static ParsedArguments parse(String command, List<String> args, Set<String> valueOptions, Set<String> flags)
            throws UsageException {
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--")) {
                throw new UsageException(
                        "'" + command + "' takes no argument '" + arg + "'. Run '" + command + " --help'.");
            }
            String name = arg.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (flags.contains(name) && value == null) {
                values.computeIfAbsent(name, k -> new ArrayList<>()).add("true");
            } else if (valueOptions.contains(name)) {
                if (value == null) {
                    if (i + 1 >= args.size()) {
                        throw new UsageException("--" + name + " needs a value. Run '" + command + " --help'.");
                    }
                    value = args.get(++i);
                }
                values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            } else {
                throw new UsageException(
                        "'" + command + "' has no option --" + name + ". Run '" + command + " --help'.");
            }
        }
        return new ParsedArguments(values);
    }

    /** The last value given for an option. */
    public Optional<String> value(String name) {
        List<String> list = values.get(name);
        return list == null ? Optional.empty() : Optional.of(list.get(list.size() - 1));
    }

    /** Every value given for a repeatable option, in order. */
    public List<String> values(String name) {
        return List.copyOf(values.getOrDefault(name, List.of()));
    }

    /** Whether a flag was given. */
    public boolean has(String name) {
        return values.containsKey(name);
    }
}
