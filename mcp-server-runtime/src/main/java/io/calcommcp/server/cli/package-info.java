/**
 * The command line, on picocli: the commands, their options with typed converters (each kind of
 * value read in one place, for a flag and for its environment variable alike), usage errors with
 * near-miss suggestions, help texts, shell completion, and the tool listing.
 */
package io.calcommcp.server.cli;
