package io.calcommcp.codegen.rules;

import io.calcommcp.toolapi.ValueKind;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One entry of the tagging rules: which operations it matches and what it sets for them.
 * Absent settings leave the defaults (or an earlier rule's setting) in place.
 *
 * @param line the 1-based line in the rules file where the rule starts
 * @param match which operations it applies to
 * @param expose whether matched operations become tools
 * @param reason why they are not exposed, shown in the build summary
 * @param name the tool name
 * @param resource the resource name used to derive the tool name, snake_case singular
 * @param verb list, get, create, update, delete, or a custom verb such as cancel
 * @param access read or write, when the HTTP method would suggest the wrong one
 * @param tags the resource tags used for per-URL tool filtering
 * @param title the tool title
 * @param description the tool description, replacing the spec's
 * @param hints overrides of the derived MCP annotations, by annotation name
 * @param arguments the kind of value of individual arguments, by argument name
 * @param headers constant headers to send, by header name, overriding spec defaults
 * @param paging how matched operations page, over the top-level {@code paging:} block
 * @param advertised how much of matched tools {@code tools/list} shows, over the top-level block
 */
public record Rule(
        int line,
        RuleMatch match,
        Optional<Boolean> expose,
        Optional<String> reason,
        Optional<String> name,
        Optional<String> resource,
        Optional<String> verb,
        Optional<String> access,
        Optional<List<String>> tags,
        Optional<String> title,
        Optional<String> description,
        Map<String, Boolean> hints,
        Map<String, ValueKind> arguments,
        Map<String, String> headers,
        Optional<PagingRules> paging,
        Optional<AdvertisedRules> advertised) {

    public Rule {
        hints = Map.copyOf(hints);
        arguments = Map.copyOf(arguments);
        headers = Map.copyOf(headers);
    }
}
