package io.calcommcp.codegen.model;

import io.calcommcp.codegen.diagnostics.Location;
import io.calcommcp.codegen.rules.AdvertisedRules;
import io.calcommcp.codegen.rules.PagingRules;
import io.calcommcp.codegen.rules.Rule;
import io.calcommcp.codegen.rules.TaggingRules;
import io.calcommcp.codegen.spec.SpecOperation;
import io.calcommcp.toolapi.ValueKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the tagging rules say about one operation: the defaults, overridden by every matching
 * rule in file order (a later rule wins). Unset fields ({@code null}) leave the derived value.
 */
final class OperationSettings {
    boolean expose;
    String reason;
    /** What decided {@link #expose}: the last rule with {@code expose:}, or the expose-tags entry. */
    Optional<Location> exposeDecidedBy = Optional.empty();
    /** Whether a rule (rather than expose-tags or the default) decided {@link #expose}. */
    boolean exposeByRule;
    /** The last rule that names this operation by its exact operationId, if one does. */
    Optional<Location> namedBy = Optional.empty();

    String name;
    /** The rules-file line of the rule that set {@link #name}, or 0. */
    int nameLine;

    String resource;
    String verb;
    String access;
    List<String> tags;
    String title;
    String description;
    final Map<String, Boolean> hints = new LinkedHashMap<>();
    final Map<String, ValueKind> arguments = new LinkedHashMap<>();
    final Map<String, String> headers = new TreeMap<>();
    /** The rules-file line of the rule that set each argument's kind. */
    final Map<String, Integer> argumentLines = new TreeMap<>();
    /** How the operation pages: the top-level block, then every matching rule's override. */
    PagingRules paging = PagingRules.none();
    /** The line of the last rule that set {@link #paging}, or 0 if only the top-level block did. */
    int pagingLine;
    /** How much of the tool {@code tools/list} shows: the top-level block, then every matching rule's. */
    AdvertisedRules advertised = AdvertisedRules.none();

    private OperationSettings() {}

    /** The settings for one operation: defaults, then every matching rule in file order. */
    static OperationSettings of(SpecOperation op, TaggingRules rules) {
        OperationSettings s = new OperationSettings();
        Optional<Integer> exposeTagLine = rules.exposeTagLine(op);
        s.expose = exposeTagLine.isPresent();
        s.exposeDecidedBy = exposeTagLine.map(rules::at);
        s.paging = rules.paging();
        s.advertised = rules.advertised();
        s.reason = op.specTags().isEmpty()
                ? "the operation has no spec tag, and no rule exposes it"
                : ToolModelBuilder.NOT_IN_EXPOSE_TAGS + op.specTags().get(0);
        if (rules.exposeEveryOperation()) {
            boolean deprecated = Boolean.TRUE.equals(op.operation().getDeprecated());
            s.expose = !deprecated;
            s.reason = ToolModelBuilder.DEPRECATED;
        }
        for (Rule rule : rules.rules()) {
            if (!rule.match().matches(op)) {
                continue;
            }
            if (rule.match().namesOneOperation()) {
                s.namedBy = Optional.of(rules.at(rule.line()));
            }
            rule.expose().ifPresent(e -> {
                s.expose = e;
                s.exposeDecidedBy = Optional.of(rules.at(rule.line()));
                s.exposeByRule = true;
            });
            rule.reason().ifPresent(r -> s.reason = r);
            rule.name().ifPresent(n -> {
                s.name = n;
                s.nameLine = rule.line();
            });
            rule.resource().ifPresent(r -> s.resource = r);
            rule.verb().ifPresent(v -> s.verb = v);
            rule.access().ifPresent(a -> s.access = a);
            rule.tags().ifPresent(t -> s.tags = t);
            rule.title().ifPresent(t -> s.title = t);
            rule.description().ifPresent(d -> s.description = d);
            s.hints.putAll(rule.hints());
            s.headers.putAll(rule.headers());
            rule.advertised().ifPresent(a -> s.advertised = a.over(s.advertised));
            rule.paging().ifPresent(p -> {
                s.paging = p.over(s.paging);
                s.pagingLine = rule.line();
            });
            rule.arguments().forEach((arg, kind) -> {
                s.arguments.put(arg, kind);
                s.argumentLines.put(arg, rule.line());
            });
        }
        return s;
    }
}
