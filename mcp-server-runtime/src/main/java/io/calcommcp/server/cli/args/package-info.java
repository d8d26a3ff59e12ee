/**
 * Declaring commands, parsing a command line against them and writing their help, without
 * reflection: a command is a {@link io.calcommcp.server.cli.args.CommandSpec} built in code, so
 * that starting the server costs no annotation scanning.
 */
package io.calcommcp.server.cli.args;
