package io.calcommcp.codegen.rules;

import io.calcommcp.codegen.diagnostics.Location;
import io.calcommcp.codegen.spec.SpecOperation;
import io.calcommcp.toolapi.ValueKind;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The parsed tagging-rules file.
 *
 * @param location the rules file as the user named it, for messages ({@code path:line})
 * @param vendor the word put into every tool name: {@code list_all_<vendor>_bookings}
 * @param pathPrefix a prefix dropped from paths before resource names are derived, such as {@code /v2}
 * @param credentialHeaders header parameters the server fills in with credentials; never tool arguments
 * @param constantHeaders header parameters whose spec default is the only right value; sent as constants
 * @param exposeTags spec-tag patterns whose operations become tools unless a rule says otherwise
 * @param exposeTagLines the line of each pattern in {@code exposeTags}
 * @param rules the rules, applied in file order; a later rule overrides an earlier one
 * @param server the {@code server:} block: the profile of the API for the generated server
 * @param paging the top-level {@code paging:} block: how list operations page unless a rule says
 *     otherwise ({@link PagingRules#none()} without one)
 * @param valueKinds the kind of every argument or nested property with one of these names, in
 *     every operation (a rule's {@code arguments:} still wins for its operations)
 * @param advertised the top-level {@code advertised:} block: how much of each tool {@code
 *     tools/list} shows ({@link AdvertisedRules#none()} without one)
 * @param constFromDescription patterns of descriptions that name a string's only allowed value,
 *     which the spec did not make an enum; group 1 is the value
 * @param dropFromDescriptions passages of the spec's tool descriptions that would mislead a model
 *     (telling it to send a header the server sends), removed wherever they match
 * @param exposeEveryOperation true when the file has no {@code expose-tags}: then every operation
 *     that is not deprecated becomes a tool unless a rule says otherwise, so that a two-line file
 *     ({@code version}, {@code vendor}) serves a whole API
 * @param search the {@code search:} section: what the server's search and fetch tools search
 *     ({@link SearchRules#none()} without one)
 */
public record TaggingRules(
        String location,
        String vendor,
        String pathPrefix,
        List<String> credentialHeaders,
        List<String> constantHeaders,
        List<Glob> exposeTags,
        List<Integer> exposeTagLines,
        List<Rule> rules,
        ServerRules server,
        PagingRules paging,
        Map<String, ValueKind> valueKinds,
        AdvertisedRules advertised,
        List<Pattern> constFromDescription,
        List<Pattern> dropFromDescriptions,
        boolean exposeEveryOperation,
        SearchRules search) {

    public TaggingRules {
        credentialHeaders = List.copyOf(credentialHeaders);
        constantHeaders = List.copyOf(constantHeaders);
        exposeTags = List.copyOf(exposeTags);
        exposeTagLines = List.copyOf(exposeTagLines);
        rules = List.copyOf(rules);
        valueKinds = Map.copyOf(valueKinds);
        constFromDescription = List.copyOf(constFromDescription);
        dropFromDescriptions = List.copyOf(dropFromDescriptions);
    }

    /** Whether a header parameter is filled in by the server: credentials and constants. */
    public boolean isServerHeader(String name) {
        return credentialHeaders.stream().anyMatch(name::equalsIgnoreCase)
                || constantHeaders.stream().anyMatch(name::equalsIgnoreCase);
    }

    /** Whether a header parameter is sent with its spec default as a constant. */
    public boolean isConstantHeader(String name) {
        return constantHeaders.stream().anyMatch(name::equalsIgnoreCase);
    }

    /** The line of the first {@code expose-tags} entry that matches one of {@code op}'s tags. */
    public Optional<Integer> exposeTagLine(SpecOperation op) {
        for (int i = 0; i < exposeTags.size(); i++) {
            Glob tag = exposeTags.get(i);
            if (op.specTags().stream().anyMatch(tag::matches)) {
                return Optional.of(exposeTagLines.get(i));
            }
        }
        return Optional.empty();
    }

    /** The rules file's name without folders, for generated headers (never an absolute path). */
    public String fileName() {
        int slash = Math.max(location.lastIndexOf('/'), location.lastIndexOf('\\'));
        return location.substring(slash + 1);
    }

    /** A line of the rules file. */
    public Location at(int line) {
        return Location.line(location, line);
    }

    /** The rules file as a whole. */
    public Location file() {
        return Location.file(location);
    }
}
