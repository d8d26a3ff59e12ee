package io.calcommcp.toolapi;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the server must know about the API behind the tools, generated from the rules file's
 * {@code server:} block. The server's engine is written against this profile only: the API's name,
 * where it is, how credentials are sent and where its error bodies keep their messages all come
 * from here.
 *
 * @param displayName the API's name in messages, such as {@code Cal.com}
 * @param toolWord the word every tool name carries, such as {@code calcom} in {@code
 *     list_all_calcom_bookings}; the server's own tools carry it too (see {@link MetaTools})
 * @param serverName the name MCP clients see in {@code serverInfo}, such as {@code calcom-mcp}
 * @param environmentPrefix the prefix of the server's environment variables: {@code CALCOM} gives
 *     {@code CALCOM_API_KEY}, {@code CALCOM_MCP_PORT}, ...
 * @param defaultBaseUrl the API's base URL when none is configured
 * @param credential how the API key is sent
 * @param credentialHelp where a user gets an API key, shown when none is configured
 * @param errorMessagePointers JSON pointers to the message in an error body, tried in order
 * @param errorCodePointers JSON pointers to a machine-readable error code, tried in order
 * @param errorDetailsPointers JSON pointers to per-field details, tried in order
 * @param rateLimitHeaderPrefixes header name prefixes of rate-limit headers, such as {@code
 *     x-ratelimit-}; the field ({@code limit}, {@code remaining}, {@code reset}) follows, possibly
 *     with a {@code -<name>} suffix naming one of several limits
 * @param recordsPointer where a list answer keeps its records (a JSON pointer such as {@code
 *     /data}), so that an oversized answer is cut between records; empty if the API has no such place
 * @param instructions what the model is told about the server in {@code initialize}
 * @param keyCheckTool the read tool that checks an API key with one cheap call before a person's
 *     key is stored (it takes no arguments); empty if the API has none
 * @param search what the server's {@code search} and {@code fetch} tools search and read; {@link
 *     SearchProfile#none()} for neither
 */
public record VendorProfile(
        String displayName,
        String toolWord,
        String serverName,
        String environmentPrefix,
        String defaultBaseUrl,
        CredentialScheme credential,
        String credentialHelp,
        List<String> errorMessagePointers,
        List<String> errorCodePointers,
        List<String> errorDetailsPointers,
        List<String> rateLimitHeaderPrefixes,
        Optional<String> recordsPointer,
        String instructions,
        Optional<String> keyCheckTool,
        SearchProfile search) {

    public VendorProfile {
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(toolWord, "toolWord");
        if (!toolWord.matches("[a-z0-9]+")) {
            throw new IllegalArgumentException(
                    "the tool word must be lower-case letters and digits, not '" + toolWord + "'");
        }
        Objects.requireNonNull(serverName, "serverName");
        Objects.requireNonNull(environmentPrefix, "environmentPrefix");
        Objects.requireNonNull(defaultBaseUrl, "defaultBaseUrl");
        Objects.requireNonNull(credential, "credential");
        Objects.requireNonNull(credentialHelp, "credentialHelp");
        errorMessagePointers = List.copyOf(errorMessagePointers);
        errorCodePointers = List.copyOf(errorCodePointers);
        errorDetailsPointers = List.copyOf(errorDetailsPointers);
        rateLimitHeaderPrefixes = List.copyOf(rateLimitHeaderPrefixes);
        Objects.requireNonNull(recordsPointer, "recordsPointer");
        Objects.requireNonNull(instructions, "instructions");
        Objects.requireNonNull(keyCheckTool, "keyCheckTool");
        Objects.requireNonNull(search, "search");
    }

    /** A profile without a key check and without search. */
    public VendorProfile(
            String displayName,
            String toolWord,
            String serverName,
            String environmentPrefix,
            String defaultBaseUrl,
            CredentialScheme credential,
            String credentialHelp,
            List<String> errorMessagePointers,
            List<String> errorCodePointers,
            List<String> errorDetailsPointers,
            List<String> rateLimitHeaderPrefixes,
            Optional<String> recordsPointer,
            String instructions) {
        this(
                displayName,
                toolWord,
                serverName,
                environmentPrefix,
                defaultBaseUrl,
                credential,
                credentialHelp,
                errorMessagePointers,
                errorCodePointers,
                errorDetailsPointers,
                rateLimitHeaderPrefixes,
                recordsPointer,
                instructions,
                Optional.empty(),
                SearchProfile.none());
    }

    /** The name of one of the server's environment variables: {@code CALCOM} + {@code API_KEY}. */
    public String environmentVariable(String suffix) {
        return environmentPrefix + "_" + suffix;
    }

    /** Starts a profile of the API called {@code displayName}. */
    public static Builder builder(String displayName) {
        return new Builder(displayName);
    }

    /** Collects a profile's parts by name. */
    public static final class Builder {
        private final String displayName;
        private String toolWord = "api";
        private String serverName;
        private String environmentPrefix;
        private String defaultBaseUrl;
        private CredentialScheme credential = CredentialScheme.bearer();
        private String credentialHelp = "";
        private List<String> errorMessagePointers = List.of();
        private List<String> errorCodePointers = List.of();
        private List<String> errorDetailsPointers = List.of();
        private List<String> rateLimitHeaderPrefixes = List.of();
        private Optional<String> recordsPointer = Optional.empty();
        private String instructions = "";
        private Optional<String> keyCheckTool = Optional.empty();
        private SearchProfile search = SearchProfile.none();

        private Builder(String displayName) {
            this.displayName = displayName;
        }

        public Builder toolWord(String value) {
            this.toolWord = value;
            return this;
        }

        public Builder serverName(String value) {
            this.serverName = value;
            return this;
        }

        public Builder environmentPrefix(String value) {
            this.environmentPrefix = value;
            return this;
        }

        public Builder defaultBaseUrl(String value) {
            this.defaultBaseUrl = value;
            return this;
        }

        public Builder credential(CredentialScheme value) {
            this.credential = value;
            return this;
        }

        public Builder credentialHelp(String value) {
            this.credentialHelp = value;
            return this;
        }

        public Builder errorMessages(String... pointers) {
            this.errorMessagePointers = List.of(pointers);
            return this;
        }

        public Builder errorCodes(String... pointers) {
            this.errorCodePointers = List.of(pointers);
            return this;
        }

        public Builder errorDetails(String... pointers) {
            this.errorDetailsPointers = List.of(pointers);
            return this;
        }

        public Builder rateLimitHeaders(String... prefixes) {
            this.rateLimitHeaderPrefixes = List.of(prefixes);
            return this;
        }

        public Builder records(String pointer) {
            this.recordsPointer = Optional.of(pointer);
            return this;
        }

        public Builder instructions(String value) {
            this.instructions = value;
            return this;
        }

        /** The read tool that checks an API key (see {@link VendorProfile#keyCheckTool()}). */
        public Builder keyCheck(String tool) {
            this.keyCheckTool = Optional.of(tool);
            return this;
        }

        /** What {@code search} and {@code fetch} search and read. */
        public Builder search(SearchProfile value) {
            this.search = value;
            return this;
        }

        public VendorProfile build() {
            return new VendorProfile(
                    displayName,
                    toolWord,
                    serverName,
                    environmentPrefix,
                    defaultBaseUrl,
                    credential,
                    credentialHelp,
                    errorMessagePointers,
                    errorCodePointers,
                    errorDetailsPointers,
                    rateLimitHeaderPrefixes,
                    recordsPointer,
                    instructions,
                    keyCheckTool,
                    search);
        }
    }
}
