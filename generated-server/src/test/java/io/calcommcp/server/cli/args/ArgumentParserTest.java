package io.calcommcp.server.cli.args;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ArgumentParserTest {

    static final OptionSpec PORT = OptionSpec.value("--port", "N", "Port of ${thing} (env ${env}_PORT)");
    static final OptionSpec NAME = OptionSpec.value("--name", "NAME", "A name").required();
    static final OptionSpec HOST = OptionSpec.repeatable("--allowed-host", "HOST", "Also this host");
    static final OptionSpec TAGS = OptionSpec.commaSeparated("--tags", "TAG", "Tags");
    static final OptionSpec JSON = OptionSpec.flag("--json", "Print JSON");
    static final OptionSpec TOKEN = OptionSpec.negatable("--require-token", "Demand a token");
    static final OptionSpec NO_EXPIRY = OptionSpec.flag("--no-expiry", "Never expire");

    static final CommandSpec SERVE = CommandSpec.named("serve")
            .description("Serves.")
            .option(PORT)
            .option(HOST)
            .action(arguments -> 0)
            .build();
    static final CommandSpec CREATE = CommandSpec.named("create")
            .description("Creates one.")
            .positional("ID", "The id")
            .option(NAME)
            .option(TAGS)
            .option(JSON)
            .option(TOKEN)
            .option(NO_EXPIRY)
            .action(arguments -> 0)
            .build();
    static final CommandSpec ROOT = CommandSpec.named("tool")
            .subcommand(SERVE)
            .subcommand(CommandSpec.named("things").subcommand(CREATE).build())
            .subcommand(
                    CommandSpec.named("secret").hidden().action(arguments -> 0).build())
            .build();

    static ParsedArguments run(String... args) throws UsageError {
        ArgumentParser.Run run = assertInstanceOf(ArgumentParser.Run.class, ArgumentParser.parse(ROOT, List.of(args)));
        return run.arguments();
    }

    static String error(String... args) {
        return assertThrows(UsageError.class, () -> ArgumentParser.parse(ROOT, List.of(args)))
                .getMessage();
    }

    @Test
    void valuesAreReadInEitherSpellingAndRepeatableOnesAreKeptInOrder() throws UsageError {
        ParsedArguments a = run("serve", "--port", "80", "--allowed-host=a", "--allowed-host", "b=c");
        assertEquals("80", a.value(PORT));
        assertEquals(List.of("a", "b=c"), a.values(HOST));
        assertEquals("8080", run("serve", "--port=8080").value(PORT));
        assertEquals("", run("serve", "--port=").value(PORT), "an empty value is a value; its reader judges it");
        ParsedArguments none = run("serve");
        assertNull(none.value(PORT));
        assertFalse(none.has(HOST));
        assertEquals(List.of(), none.values(HOST));
    }

    @Test
    void flagsSwitchesListsAndPositionals() throws UsageError {
        ParsedArguments a = run("things", "create", "--name", "n", "x1", "--tags", "a,b", "--tags=c", "--json");
        assertEquals("x1", a.positional(0));
        assertEquals(List.of("a", "b", "c"), a.values(TAGS));
        assertTrue(a.flag(JSON));
        assertNull(a.switched(TOKEN), "neither spelling given");
        assertFalse(a.flag(NO_EXPIRY));
        assertEquals(
                true,
                run("things", "create", "--name=n", "x", "--require-token").switched(TOKEN));
        assertEquals(
                false,
                run("things", "create", "--name=n", "x", "--no-require-token").switched(TOKEN));
        assertTrue(run("things", "create", "--name=n", "x", "--no-expiry").flag(NO_EXPIRY));
        assertEquals("-x", run("things", "create", "--name=n", "--", "-x").positional(0), "-- ends the options");
        assertEquals("-5", run("serve", "--port", "-5").value(PORT), "a value may start with a dash");
    }

    @Test
    void helpAndVersionWinWhereverTheyAre() throws UsageError {
        ArgumentParser.Help help = assertInstanceOf(
                ArgumentParser.Help.class, ArgumentParser.parse(ROOT, List.of("things", "create", "-h")));
        assertEquals(
                List.of("tool", "things", "create"),
                help.path().stream().map(CommandSpec::name).toList());
        assertInstanceOf(
                ArgumentParser.Help.class, ArgumentParser.parse(ROOT, List.of("serve", "--port", "1", "--help")));
        assertInstanceOf(ArgumentParser.Version.class, ArgumentParser.parse(ROOT, List.of("-V")));
        assertInstanceOf(ArgumentParser.Run.class, ArgumentParser.parse(ROOT, List.of("secret")), "hidden still runs");
    }

    @Test
    void aLineThatDoesNotFitSaysWhatIsWrong() {
        assertEquals("Unknown option: '--colour'.", error("serve", "--colour"));
        assertEquals("Unknown option: '--prot'. Did you mean '--port'?", error("serve", "--prot", "80"));
        assertEquals("Unknown option: '--name=x'.", error("serve", "--name=x"), "nothing close: no guess");
        assertEquals("Unknown command: 'serv'; the commands are serve, things. Did you mean 'serve'?", error("serv"));
        assertEquals("Unknown option: '--colour=red'.", error("serve", "--colour=red"));
        assertEquals("Option '--port' needs a value: --port=N.", error("serve", "--port"));
        assertEquals("Option '--port' needs a value: --port=N.", error("serve", "--port", "--allowed-host", "a"));
        assertEquals("Option '--port' is given twice.", error("serve", "--port", "1", "--port=2"));
        assertEquals("Option '--json' takes no value.", error("things", "create", "--name=n", "x", "--json=yes"));
        assertEquals(
                "Option '--[no-]require-token' is given twice.",
                error("things", "create", "--name=n", "x", "--require-token", "--no-require-token"));
        assertEquals("Missing required option: '--name=NAME'.", error("things", "create", "x"));
        assertEquals("Missing required argument: 'ID'.", error("things", "create", "--name=n"));
        assertEquals("Unexpected argument: 'y'.", error("things", "create", "--name=n", "x", "y"));
        assertEquals("Unknown command: 'frob'; the commands are serve, things.", error("frob"));
        assertEquals("Missing command: create.", error("things"));
        UsageError e =
                assertThrows(UsageError.class, () -> ArgumentParser.parse(ROOT, List.of("things", "create", "--bad")));
        assertEquals(
                List.of("tool", "things", "create"),
                e.path().stream().map(CommandSpec::name).toList());
    }

    @Test
    void aCommandDeclaresEachOptionOnceAndEitherRunsOrGroups() {
        assertThrows(
                IllegalArgumentException.class,
                () -> CommandSpec.named("x").option(PORT).option(OptionSpec.value("--port", "P", "again")));
        assertThrows(IllegalStateException.class, () -> CommandSpec.named("x").build());
        assertThrows(IllegalArgumentException.class, () -> OptionSpec.flag("port", "no dashes"));
        assertThrows(IllegalStateException.class, () -> JSON.required());
    }

    @Test
    void helpListsEverythingWrappedAndFilledIn() {
        HelpText help = new HelpText(80, Map.of("env", "ACME"));
        String serve = help.of(List.of(ROOT, SERVE));
        assertTrue(serve.startsWith("Usage: tool serve [-hV] [--port=N] [--allowed-host=HOST]...\nServes.\n\n"), serve);
        assertTrue(serve.contains("      --port=N               Port of ${thing} (env ACME_PORT)\n"), serve);
        assertTrue(serve.contains("  -h, --help                 Show this help message and exit.\n"), serve);
        String create = help.of(List.of(ROOT, ROOT.subcommands().get("things"), CREATE));
        assertTrue(
                create.startsWith("Usage: tool things create [-hV] --name=NAME [--tags=TAG[,TAG...]]... [--json]\n"
                        + "                          [--[no-]require-token] [--no-expiry] ID\n"),
                create);
        String root = help.of(List.of(ROOT));
        assertTrue(root.contains("Commands:\n  serve   Serves.\n  things\n"), root);
        assertFalse(root.contains("secret"), "hidden commands are not listed");
        for (String text : List.of(serve, create, root)) {
            for (String line : text.split("\n")) {
                assertTrue(line.length() <= 80, "longer than the width: " + line);
            }
        }
        String narrow = new HelpText(47, Map.of("env", "ACME")).of(List.of(ROOT, SERVE));
        assertTrue(
                narrow.contains("      --port=N               Port of ${thing}\n"
                        + "                               (env ACME_PORT)\n"),
                "a description wraps in its column, continued two further in: " + narrow);
        CommandSpec keyed = CommandSpec.named("open")
                .option(OptionSpec.value("--encryption-key-file", "FILE", "Key file"))
                .action(arguments -> 0)
                .build();
        assertTrue(
                help.of(List.of(keyed))
                        .contains("      --encryption-key-file=FILE\n                             Key file\n"),
                "a long option gets a line of its own");
    }
}
