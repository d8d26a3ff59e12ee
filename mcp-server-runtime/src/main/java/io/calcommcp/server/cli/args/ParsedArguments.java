package io.calcommcp.server.cli.args;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a command line gave the command that runs: option values keyed by their {@link
 * OptionSpec}, and the positional arguments in order.
 */
public final class ParsedArguments {

    private final Map<OptionSpec, List<String>> values;
    private final Map<OptionSpec, Boolean> switches;
    private final List<String> positionals;

    ParsedArguments(Map<OptionSpec, List<String>> values, Map<OptionSpec, Boolean> switches, List<String> positionals) {
        Map<OptionSpec, List<String>> frozen = new HashMap<>();
        values.forEach((option, given) -> frozen.put(option, List.copyOf(given)));
        this.values = Map.copyOf(frozen);
        this.switches = Map.copyOf(switches);
        this.positionals = List.copyOf(positionals);
    }

    /** Whether the option was given at all. */
    public boolean has(OptionSpec option) {
        return values.containsKey(option) || switches.containsKey(option);
    }

    /** The value of a one-value option, or null when it was not given. */
    public String value(OptionSpec option) {
        List<String> given = values.get(option);
        return given == null ? null : given.get(0);
    }

    /** Every value of a repeatable option, in order; empty when it was not given. */
    public List<String> values(OptionSpec option) {
        return values.getOrDefault(option, List.of());
    }

    /** Whether a flag was given. */
    public boolean flag(OptionSpec option) {
        return switches.getOrDefault(option, false);
    }

    /** True for {@code --name}, false for {@code --no-name}, null when neither was given. */
    public Boolean switched(OptionSpec option) {
        return switches.get(option);
    }

    /** The positional argument at {@code index}. */
    public String positional(int index) {
        return positionals.get(index);
    }
}
