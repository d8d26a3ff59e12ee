package io.calcommcp.toolapi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One kind of record the server's {@value SearchProfile#SEARCH_TOOL} and {@value
 * SearchProfile#FETCH_TOOL} tools find and read, such as bookings: which list tool finds them,
 * which get tool reads one, and where a record keeps its id, title, text and web address. Built
 * from the rules file's {@code search:} section; the server knows no vendor and reads only this.
 *
 * <pre>{@code
 * SearchSource.builder("booking")
 *         .label("bookings")
 *         .list("list_all_example_bookings")
 *         .listArgument("sortStart", "desc")
 *         .get("get_single_example_booking_by_id")
 *         .getArgument("bookingUid")
 *         .id("/uid")
 *         .title("/title")
 *         .text("/title", "/description")
 *         .url("https://app.example.com/booking/{uid}")
 *         .build()
 * }</pre>
 *
 * @param name the id prefix: results of this source have ids {@code <name>:<id>}; lower-case
 *     letters, digits and {@code _}
 * @param label what the records are called in the tools' descriptions, such as {@code bookings}
 * @param listTool the read tool that lists records, called once per search
 * @param listArguments arguments that call always carries, as the model would write them (so that
 *     the newest records come first, where the API can sort), in the rules' order
 * @param recordsPointer where the list tool's answer keeps its records; empty for an answer that
 *     is the list
 * @param getTool the read tool that reads one record, called by fetch
 * @param getArgument the get tool's argument that takes the record's id
 * @param recordPointer where the get tool's answer keeps the record; empty for the answer itself
 * @param idPointer the record's id, which {@link #getArgument} takes
 * @param titlePointer the record's title
 * @param textPointers the fields a query is matched against and fetch summarizes, in order
 * @param metadataPointers the fields fetch returns as metadata, by name, in order
 * @param newestFirstPointer the field to sort by, newest first, when the list tool cannot sort
 *     itself; empty to keep the list's own order
 * @param url the record's web page
 */
public record SearchSource(
        String name,
        String label,
        String listTool,
        Map<String, String> listArguments,
        String recordsPointer,
        String getTool,
        String getArgument,
        String recordPointer,
        String idPointer,
        String titlePointer,
        List<String> textPointers,
        Map<String, String> metadataPointers,
        Optional<String> newestFirstPointer,
        UrlTemplate url) {

    public SearchSource {
        Objects.requireNonNull(name, "name");
        if (!name.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException(
                    "a search source's name must be lower-case letters, digits and _, not '" + name + "'");
        }
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(listTool, "listTool");
        listArguments = Collections.unmodifiableMap(new LinkedHashMap<>(listArguments));
        RecordPointer.require("records pointer", recordsPointer, false, true);
        Objects.requireNonNull(getTool, "getTool");
        Objects.requireNonNull(getArgument, "getArgument");
        RecordPointer.require("record pointer", recordPointer, false, true);
        RecordPointer.require("id pointer", idPointer, false, false);
        RecordPointer.require("title pointer", titlePointer, false, false);
        textPointers = List.copyOf(textPointers);
        textPointers.forEach(p -> RecordPointer.require("text pointer", p, true, false));
        metadataPointers = Collections.unmodifiableMap(new LinkedHashMap<>(metadataPointers));
        metadataPointers.values().forEach(p -> RecordPointer.require("metadata pointer", p, true, false));
        Objects.requireNonNull(newestFirstPointer, "newestFirstPointer");
        newestFirstPointer.ifPresent(p -> RecordPointer.require("newest-first pointer", p, false, false));
        Objects.requireNonNull(url, "url");
    }

    /** The id a search result of the record with id {@code recordId} carries: {@code <name>:<recordId>}. */
    public String resultId(String recordId) {
        return name + ":" + recordId;
    }

    /** Starts the source whose results have ids {@code <name>:<id>}. */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** Collects a source's parts by name; {@link #build} checks that none is missing. */
    public static final class Builder {
        private final String name;
        private String label;
        private String listTool;
        private final Map<String, String> listArguments = new LinkedHashMap<>();
        private String recordsPointer = "";
        private String getTool;
        private String getArgument;
        private String recordPointer = "";
        private String idPointer;
        private String titlePointer;
        private final List<String> textPointers = new ArrayList<>();
        private final Map<String, String> metadataPointers = new LinkedHashMap<>();
        private Optional<String> newestFirstPointer = Optional.empty();
        private UrlTemplate url;

        private Builder(String name) {
            this.name = name;
        }

        /** What the records are called; without it, the name with spaces for {@code _}. */
        public Builder label(String value) {
            this.label = value;
            return this;
        }

        public Builder list(String tool) {
            this.listTool = tool;
            return this;
        }

        /** One more argument every list call carries. */
        public Builder listArgument(String argument, String value) {
            this.listArguments.put(argument, value);
            return this;
        }

        /** Where the list answer keeps its records; without it, the answer is the list. */
        public Builder records(String pointer) {
            this.recordsPointer = pointer;
            return this;
        }

        public Builder get(String tool) {
            this.getTool = tool;
            return this;
        }

        public Builder getArgument(String argument) {
            this.getArgument = argument;
            return this;
        }

        /** Where the get answer keeps the record; without it, the answer is the record. */
        public Builder record(String pointer) {
            this.recordPointer = pointer;
            return this;
        }

        public Builder id(String pointer) {
            this.idPointer = pointer;
            return this;
        }

        public Builder title(String pointer) {
            this.titlePointer = pointer;
            return this;
        }

        /** The text fields; without them, the title alone. */
        public Builder text(String... pointers) {
            this.textPointers.addAll(List.of(pointers));
            return this;
        }

        /** One more metadata field. */
        public Builder metadata(String key, String pointer) {
            this.metadataPointers.put(key, pointer);
            return this;
        }

        public Builder newestFirst(String pointer) {
            this.newestFirstPointer = Optional.of(pointer);
            return this;
        }

        public Builder url(String template) {
            this.url = new UrlTemplate(template);
            return this;
        }

        public SearchSource build() {
            return new SearchSource(
                    name,
                    label != null ? label : name.replace('_', ' '),
                    listTool,
                    listArguments,
                    recordsPointer,
                    getTool,
                    getArgument,
                    recordPointer,
                    idPointer,
                    titlePointer,
                    textPointers.isEmpty() && titlePointer != null ? List.of(titlePointer) : textPointers,
                    metadataPointers,
                    newestFirstPointer,
                    url);
        }
    }
}
