package io.calcommcp.codegen.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.calcommcp.codegen.diagnostics.Diagnostics;
import io.calcommcp.codegen.diagnostics.Location;
import io.calcommcp.codegen.rules.PagingRules;
import io.calcommcp.codegen.rules.TaggingRules;
import io.calcommcp.codegen.spec.SpecOperation;
import io.calcommcp.toolapi.ArgumentLocation;
import io.calcommcp.toolapi.Paging;
import io.calcommcp.toolapi.ValueKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Decides whether an operation pages and how, from the rules' {@code paging:} blocks and the
 * operation itself: it must have both paging parameters, and its answer must keep a list where
 * the rules say the records are. Whether the answer says if more records follow is read from the
 * answer's schema too: without that flag, a full page means there may be more.
 *
 * <p>An operation the top-level block would page but whose answer has no list where the records
 * should be is left unpaged, with a warning; a rule that pages it explicitly wins, since specs do
 * get list answers wrong. Either way the operation must have both paging parameters.
 */
final class PagingPlanner {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final TaggingRules rules;
    private final AnswerSchemas answers;
    private final String specName;
    private final Diagnostics diagnostics;

    PagingPlanner(TaggingRules rules, AnswerSchemas answers, String specName, Diagnostics diagnostics) {
        this.rules = rules;
        this.answers = answers;
        this.specName = specName;
        this.diagnostics = diagnostics;
    }

    /** The tool's paging and its arguments as the model sees them, which replace the API's two. */
    record Plan(Optional<PagingDescriptor> paging, List<ArgumentDescriptor> arguments) {}

    Plan plan(SpecOperation op, OperationSettings s, List<ArgumentDescriptor> arguments) {
        Plan unpaged = new Plan(Optional.empty(), arguments);
        PagingRules merged = s.paging;
        if (!merged.enabled().orElse(false)) {
            return unpaged;
        }
        boolean explicit = s.pagingLine > 0;
        Location where = explicit ? rules.at(s.pagingLine) : rules.at(merged.line());
        if (merged.limit().isEmpty() || merged.offset().isEmpty()) {
            diagnostics.error(
                    where,
                    "operation " + op.operationId() + " pages, but no paging block names its limit and offset"
                            + " parameters",
                    "add a top-level paging: {style: offset, limit: ..., offset: ...}, or name them in the rule");
            return unpaged;
        }
        Optional<ArgumentDescriptor> limit =
                queryParameter(arguments, merged.limit().get());
        Optional<ArgumentDescriptor> offset =
                queryParameter(arguments, merged.offset().get());
        if (limit.isEmpty() || offset.isEmpty()) {
            if (explicit) {
                diagnostics.error(
                        where,
                        "operation " + op.operationId() + " has no query parameters "
                                + merged.limit().get() + " and "
                                + merged.offset().get() + " to page with",
                        "name its paging parameters in the rule's paging block, or remove paging from the rule");
            }
            return unpaged;
        }
        String records = merged.records().or(() -> rules.server().records()).orElse("");
        ObjectNode answer = answers.success(op);
        if (!explicit && !AnswerSchemas.typesAt(answer, records).contains("array")) {
            // A rule that pages the operation wins: specs do get a list answer wrong.
            diagnostics.warning(
                    op.location(specName),
                    "operation " + op.operationId() + " has " + merged.limit().get() + " and "
                            + merged.offset().get() + " but its answer has no list at '" + records
                            + "', so it does not page",
                    "if the API does answer a list there (the spec may be wrong), page it with a rule's"
                            + " paging: true; give another place with paging: {records: /...}; or silence this"
                            + " with paging: false");
            return unpaged;
        }
        Optional<String> hasMore =
                merged.hasMore().filter(p -> AnswerSchemas.typesAt(answer, p).contains("boolean"));
        int maxLimit = merged.maxLimit().orElse(merged.defaultLimit().orElse(100));
        JsonNode specMaximum = limit.get().schema().path("maximum");
        if (specMaximum.isNumber() && specMaximum.asInt() >= 1 && specMaximum.asInt() < maxLimit) {
            maxLimit = specMaximum.asInt(); // never more than the API accepts
        }
        int defaultLimit = Math.min(merged.defaultLimit().orElse(maxLimit), maxLimit);

        List<String> clashes = new ArrayList<>();
        for (ArgumentDescriptor a : arguments) {
            if (a != limit.get()
                    && a != offset.get()
                    && (a.name().equals(Paging.LIMIT) || a.name().equals(Paging.CURSOR))) {
                clashes.add(a.name());
            }
        }
        if (!clashes.isEmpty()) {
            diagnostics.error(
                    op.location(specName),
                    "operation " + op.operationId() + " pages, but it already has an argument called "
                            + String.join(" and ", clashes) + ", which paging adds",
                    "turn paging off for it with a rule's paging: false");
            return unpaged;
        }

        Paging paging = Paging.offset(limit.get().wireName(), offset.get().wireName())
                .records(records)
                .limits(defaultLimit, maxLimit);
        if (hasMore.isPresent()) {
            paging = paging.hasMore(hasMore.get());
        }
        List<ArgumentDescriptor> visible = new ArrayList<>(arguments);
        visible.remove(limit.get());
        visible.remove(offset.get());
        visible.add(limitArgument(defaultLimit, maxLimit));
        visible.add(cursorArgument());
        return new Plan(Optional.of(new PagingDescriptor(paging, limit.get(), offset.get())), visible);
    }

    private static Optional<ArgumentDescriptor> queryParameter(List<ArgumentDescriptor> arguments, String wireName) {
        return arguments.stream()
                .filter(a ->
                        a.location() == ArgumentLocation.QUERY && a.wireName().equals(wireName))
                .findFirst();
    }

    private static ArgumentDescriptor limitArgument(int defaultLimit, int maxLimit) {
        ObjectNode schema = JSON.objectNode()
                .put("type", "integer")
                .put("minimum", 1)
                .put("maximum", maxLimit)
                .put("default", defaultLimit)
                .put(
                        "description",
                        "How many records to return: 1 to " + maxLimit + " (default " + defaultLimit + ").");
        return paging(Paging.LIMIT, schema);
    }

    private static ArgumentDescriptor cursorArgument() {
        ObjectNode schema = JSON.objectNode()
                .put("type", "string")
                .put("minLength", 1)
                .put(
                        "description",
                        "The previous result's next_cursor; omit for the first page. Keep the other arguments the"
                                + " same from page to page; a result without next_cursor is the last page.");
        return paging(Paging.CURSOR, schema);
    }

    private static ArgumentDescriptor paging(String name, ObjectNode schema) {
        return new ArgumentDescriptor(
                name, ArgumentLocation.PAGING, name, ValueKind.PLAIN, false, true, new TreeMap<>(), schema);
    }
}
