package io.calcommcp.server.cli;

import picocli.CommandLine.Model.CommandSpec;

/**
 * A command of the top level, such as {@code serve}. A start builds in full only the command its
 * command line names ({@link Cli}): building every option of every command took picocli longer
 * than the rest of parsing, and the others need only be listed in the help and in errors.
 */
interface TopLevelCommand {

    /** The command's name, such as {@code serve}. */
    String name();

    /** The help's paragraphs; the first one also describes the command in the list of commands. */
    String[] description();

    /** Whether the command is left out of the help and the errors (a command for the build). */
    default boolean hidden() {
        return false;
    }

    /** The command with all its options and subcommands, ready to parse and run. */
    CommandSpec spec();
}
