package io.calcommcp.codegen.rules;

import java.util.List;
import java.util.Optional;

/**
 * The rules file's {@code server:} block: what the generated server must know about the API
 * behind the tools. Every setting is optional; the model stage fills in defaults from the spec
 * (its title, its first server URL) and the vendor word.
 *
 * @param name the name MCP clients see in {@code serverInfo}
 * @param displayName the API's name in messages
 * @param environmentPrefix the prefix of the server's environment variables
 * @param baseUrl the API's default base URL
 * @param credentialHeader the header that carries the API key
 * @param credentialPrefix what is written before the key in that header, such as {@code "Bearer "}
 * @param credentialHelp where a user gets an API key
 * @param errorMessage JSON pointers to the message in an error body, tried in order
 * @param errorCode JSON pointers to a machine-readable error code, tried in order
 * @param errorDetails JSON pointers to per-field error details, tried in order
 * @param rateLimitHeaders prefixes of the rate-limit header families the API sends
 * @param records where list answers keep their records, a JSON pointer such as {@code /data}
 * @param instructions the instructions file for the model, relative to the rules file
 * @param instructionsLine the line of {@code instructions}, for messages (0 if absent)
 * @param keyCheck the read tool that checks an API key with one cheap call (the OAuth consent page
 *     asks it before a person's key is stored)
 * @param keyCheckLine the line of {@code keyCheck}, for messages (0 if absent)
 */
public record ServerRules(
        Optional<String> name,
        Optional<String> displayName,
        Optional<String> environmentPrefix,
        Optional<String> baseUrl,
        Optional<String> credentialHeader,
        Optional<String> credentialPrefix,
        Optional<String> credentialHelp,
        Optional<List<String>> errorMessage,
        Optional<List<String>> errorCode,
        Optional<List<String>> errorDetails,
        Optional<List<String>> rateLimitHeaders,
        Optional<String> records,
        Optional<String> instructions,
        int instructionsLine,
        Optional<String> keyCheck,
        int keyCheckLine) {

    /** No {@code server:} block: every setting takes its default. */
    public static ServerRules defaults() {
        return new ServerRules(
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                0,
                Optional.empty(),
                0);
    }
}
