package io.calcommcp.codegen.rules;

import io.calcommcp.codegen.model.OperationRef;
import java.util.List;

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
 */
public record TaggingRules(
        String location,
        String vendor,
        String pathPrefix,
        List<String> credentialHeaders,
        List<String> constantHeaders,
        List<Glob> exposeTags,
        List<Integer> exposeTagLines,
        List<Rule> rules) {

    public TaggingRules {
        credentialHeaders = List.copyOf(credentialHeaders);
        constantHeaders = List.copyOf(constantHeaders);
        exposeTags = List.copyOf(exposeTags);
        exposeTagLines = List.copyOf(exposeTagLines);
        rules = List.copyOf(rules);
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

    /**
     * True if a rule with an {@code expose} setting matches {@code op}, so that rule rather than
     * {@code expose-tags} decided whether it is a tool.
     */
    public boolean setsExposure(OperationRef op) {
        return rules.stream()
                .anyMatch(rule -> rule.expose().isPresent() && rule.match().matches(op));
    }

    /** The rules file's name without folders, for generated headers (never an absolute path). */
    public String fileName() {
        int slash = Math.max(location.lastIndexOf('/'), location.lastIndexOf('\\'));
        return location.substring(slash + 1);
    }

    /** {@code calcom-openapi/tagging-rules.yaml:12}. */
    public String at(int line) {
        return location + ":" + line;
    }
}
