package io.calcommcp.codegen.surface;

import static io.calcommcp.codegen.surface.MessageText.code;

import io.calcommcp.codegen.surface.ToolSurfaceEntry.ArgumentRoute;
import io.calcommcp.toolapi.Access;
import io.calcommcp.toolapi.Paging;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Compares a locked tool surface with the current one.
 *
 * <p>Tools are matched by name; a locked tool and a current tool that are both unmatched but call
 * the same operation (and are the only ones doing so) are one renamed tool. The result is ordered
 * by tool name (the current name, or the old one for removed tools); within a tool, tool-level
 * changes come first (constant headers by name), then argument changes depth first in sorted
 * order, then arguments that are sent elsewhere in the request, by argument name.
 */
public final class SurfaceDiff {

    private SurfaceDiff() {}

    /** The changes that turn {@code locked} into {@code current}; empty if the surfaces are equal. */
    public static List<SurfaceChange> between(ToolSurface locked, ToolSurface current) {
        // Key: the name changes are reported under, so iterating the TreeMap orders them by tool.
        Map<String, Match> matches = new TreeMap<>();
        locked.tools()
                .forEach(tool -> matches.put(
                        tool.name(), new Match(tool, current.tool(tool.name()).orElse(null))));
        current.tools().forEach(tool -> matches.putIfAbsent(tool.name(), new Match(null, tool)));
        matchRenames(matches);

        List<SurfaceChange> changes = new ArrayList<>();
        matches.forEach((name, match) -> compareTool(name, match.locked(), match.current(), changes));
        return List.copyOf(changes);
    }

    /** A locked tool and the current tool it became; null on the side where it does not exist. */
    private record Match(ToolSurfaceEntry locked, ToolSurfaceEntry current) {}

    /** Joins a removed and an added tool that are the only unmatched ones for their operation. */
    private static void matchRenames(Map<String, Match> matches) {
        Map<String, List<String>> removed = unmatchedByOperation(matches, Match::locked, Match::current);
        Map<String, List<String>> added = unmatchedByOperation(matches, Match::current, Match::locked);
        removed.forEach((operation, oldNames) -> {
            List<String> newNames = added.getOrDefault(operation, List.of());
            if (oldNames.size() == 1 && newNames.size() == 1) {
                ToolSurfaceEntry old = matches.remove(oldNames.get(0)).locked();
                matches.put(
                        newNames.get(0),
                        new Match(old, matches.get(newNames.get(0)).current()));
            }
        });
    }

    private static Map<String, List<String>> unmatchedByOperation(
            Map<String, Match> matches,
            Function<Match, ToolSurfaceEntry> side,
            Function<Match, ToolSurfaceEntry> other) {
        Map<String, List<String>> names = new TreeMap<>();
        matches.forEach((name, match) -> {
            if (side.apply(match) != null && other.apply(match) == null) {
                names.computeIfAbsent(side.apply(match).operation(), o -> new ArrayList<>())
                        .add(name);
            }
        });
        return names;
    }

    private static void compareTool(String name, ToolSurfaceEntry old, ToolSurfaceEntry now, List<SurfaceChange> out) {
        if (old == null) {
            out.add(change(name, ChangeKind.TOOL_ADDED, false, "tool added (" + code(endpoint(now)) + ")"));
            return;
        }
        if (now == null) {
            out.add(change(name, ChangeKind.TOOL_REMOVED, true, "tool removed (was " + code(endpoint(old)) + ")"));
            return;
        }
        if (!old.name().equals(now.name())) {
            out.add(change(name, ChangeKind.TOOL_RENAMED, true, "renamed from " + old.name() + " to " + now.name()));
        }
        if (!old.operation().equals(now.operation())) {
            out.add(change(
                    name,
                    ChangeKind.OPERATION_CHANGED,
                    false,
                    "operation changed from " + code(old.operation()) + " to " + code(now.operation())));
        }
        if (!endpoint(old).equals(endpoint(now))) {
            out.add(change(
                    name,
                    ChangeKind.ENDPOINT_CHANGED,
                    false,
                    "endpoint changed from " + code(endpoint(old)) + " to " + code(endpoint(now))));
        }
        if (old.access() != now.access()) {
            boolean toWrite = now.access() == Access.WRITE;
            out.add(change(
                    name,
                    ChangeKind.ACCESS_CHANGED,
                    toWrite,
                    "access changed from " + old.access().label() + " to "
                            + now.access().label()
                            + (toWrite
                                    ? " (breaking for read-only scoped URLs: the tool is no longer on them)"
                                    : " (the tool now also appears on read-only scoped URLs)")));
        }
        if (!old.verb().equals(now.verb())) {
            out.add(change(
                    name,
                    ChangeKind.VERB_CHANGED,
                    true,
                    "verb changed from " + code(old.verb()) + " to " + code(now.verb())
                            + " (breaking for URLs scoped to the method " + code(old.verb())
                            + ": the tool is no longer on them)"));
        }
        compareTags(name, old, now, out);
        comparePaging(name, old, now, out);
        compareAnnotations(name, old, now, out);
        compareHeaders(name, old, now, out);
        if (!old.title().equals(now.title())) {
            out.add(change(
                    name,
                    ChangeKind.TITLE_CHANGED,
                    false,
                    "title changed from " + code(old.title()) + " to " + code(now.title())));
        }
        if (!old.description().equals(now.description())) {
            out.add(change(name, ChangeKind.DESCRIPTION_CHANGED, false, "description changed"));
        }
        SchemaDiff.compare(name, old.inputSchema(), now.inputSchema(), out);
        compareRoutes(name, old, now, out);
    }

    private static void compareTags(String name, ToolSurfaceEntry old, ToolSurfaceEntry now, List<SurfaceChange> out) {
        if (old.tags().equals(now.tags())) {
            return;
        }
        TreeSet<String> removed = new TreeSet<>(old.tags());
        removed.removeAll(now.tags());
        String message = "tags changed from " + tagList(old.tags()) + " to " + tagList(now.tags());
        if (!removed.isEmpty()) {
            message += " (breaking for URLs scoped to " + tagList(removed) + ": the tool is no longer on them)";
        }
        out.add(change(name, ChangeKind.TAGS_CHANGED, !removed.isEmpty(), message));
    }

    private static void comparePaging(
            String name, ToolSurfaceEntry old, ToolSurfaceEntry now, List<SurfaceChange> out) {
        if (old.paging().equals(now.paging())) {
            return;
        }
        boolean removed = old.paging().isPresent() && now.paging().isEmpty();
        String message = old.paging().isEmpty()
                ? "paging added: " + describe(now.paging().get())
                : removed
                        ? "paging removed (was " + describe(old.paging().get()) + "; breaking: limit and"
                                + " next_cursor are gone)"
                        : "paging changed from " + describe(old.paging().get()) + " to "
                                + describe(now.paging().get());
        out.add(change(name, ChangeKind.PAGING_CHANGED, removed, message));
    }

    /** {@code offset paging with `take`/`skip`, records at `/data`, end at `/pagination/hasNextPage`, pages of 100 (up to 250)}. */
    private static String describe(Paging paging) {
        return "offset paging with " + code(paging.limitParameter()) + "/" + code(paging.offsetParameter())
                + ", records at " + code(paging.recordsPointer().isEmpty() ? "(the answer)" : paging.recordsPointer())
                + ", "
                + paging.hasMorePointer().map(p -> "end at " + code(p)).orElse("end at the first page that is not full")
                + ", pages of " + paging.defaultLimit() + " (up to " + paging.maxLimit() + ")";
    }

    /** One change per flipped hint, in the lock file's order of hints. */
    private static void compareAnnotations(
            String name, ToolSurfaceEntry old, ToolSurfaceEntry now, List<SurfaceChange> out) {
        Map<String, Boolean> before = old.hintsByName();
        now.hintsByName().forEach((hint, value) -> {
            boolean was = before.get(hint);
            boolean is = value;
            if (was != is) {
                out.add(change(
                        name,
                        ChangeKind.ANNOTATION_HINT_CHANGED,
                        breaksClients(hint, was, is),
                        "annotation " + hint + " changed from " + was + " to " + is));
            }
        });
    }

    /**
     * A tool that stops being read-only makes clients ask for confirmation (and clients or modes
     * that only offer read-only tools drop it); one that becomes destructive is treated as
     * dangerous. Either can stop a flow that worked. The other flips only make clients more
     * relaxed, or do not change what they do.
     */
    private static boolean breaksClients(String hint, boolean was, boolean now) {
        return switch (hint) {
            case "readOnlyHint" -> was && !now;
            case "destructiveHint" -> !was && now;
            default -> false;
        };
    }

    /**
     * Constant headers are invisible to the model, but they are part of the contract of the request:
     * {@code cal-api-version} selects which version of an endpoint Cal.com serves, with its own
     * request fields and response shape (responses are not in the lock at all). So:
     *
     * <ul>
     *   <li>a changed value is breaking: Cal.com now serves another version of the endpoint, and
     *       calls or replies that worked may not, even where the input schema looks the same;
     *   <li>a removed header is breaking: Cal.com falls back to its default version (or refuses
     *       the request), not the one the tool was locked against;
     *   <li>an added header is compatible: the request only gains information. An added version
     *       typically means the spec now declares the version the input schema was already taken
     *       from, and any change to the arguments that comes with it is reported by the schema
     *       comparison on its own.
     * </ul>
     *
     * <p>Header names are case-insensitive in HTTP, so a header whose name only changed case is
     * the same header: compatible if its value is the same, breaking if the value changed too.
     */
    private static void compareHeaders(
            String name, ToolSurfaceEntry old, ToolSurfaceEntry now, List<SurfaceChange> out) {
        Map<String, Map<String, String>> before = byLowerCase(old.headers());
        Map<String, Map<String, String>> after = byLowerCase(now.headers());
        TreeSet<String> keys = new TreeSet<>(before.keySet());
        keys.addAll(after.keySet());
        for (String key : keys) {
            Map<String, String> was = before.getOrDefault(key, Map.of());
            Map<String, String> is = after.getOrDefault(key, Map.of());
            if (was.size() == 1 && is.size() == 1) {
                Map.Entry<String, String> w = was.entrySet().iterator().next();
                Map.Entry<String, String> i = is.entrySet().iterator().next();
                compareHeader(name, w.getKey(), w.getValue(), i.getKey(), i.getValue(), out);
                continue;
            }
            // Two spellings of one header on a side (unusual): compare exact names only.
            TreeSet<String> names = new TreeSet<>(was.keySet());
            names.addAll(is.keySet());
            for (String header : names) {
                compareHeader(name, header, was.get(header), header, is.get(header), out);
            }
        }
    }

    /** One header, null where it does not exist. */
    private static void compareHeader(
            String tool, String oldName, String oldValue, String newName, String newValue, List<SurfaceChange> out) {
        if (oldValue == null) {
            out.add(change(
                    tool,
                    ChangeKind.CONSTANT_HEADER_ADDED,
                    false,
                    "constant header " + code(newName) + " added, value " + code(newValue)));
        } else if (newValue == null) {
            out.add(change(
                    tool,
                    ChangeKind.CONSTANT_HEADER_REMOVED,
                    true,
                    "constant header " + code(oldName) + " removed (was " + code(oldValue)
                            + "; the API now treats the request as sent without it)"));
        } else if (!oldValue.equals(newValue)) {
            out.add(change(
                    tool,
                    ChangeKind.CONSTANT_HEADER_CHANGED,
                    true,
                    "constant header " + code(oldName) + (oldName.equals(newName) ? "" : " (now " + code(newName) + ")")
                            + " changed from " + code(oldValue) + " to " + code(newValue)
                            + " (the API may read the request and shape its response differently)"));
        } else if (!oldName.equals(newName)) {
            out.add(change(
                    tool,
                    ChangeKind.CONSTANT_HEADER_CHANGED,
                    false,
                    "constant header " + code(oldName) + " is now spelled " + code(newName)
                            + " (header names are case-insensitive)"));
        }
    }

    private static Map<String, Map<String, String>> byLowerCase(Map<String, String> headers) {
        Map<String, Map<String, String>> grouped = new TreeMap<>();
        headers.forEach(
                (header, value) -> grouped.computeIfAbsent(header.toLowerCase(Locale.ROOT), k -> new TreeMap<>())
                        .put(header, value));
        return grouped;
    }

    /**
     * Arguments present on both sides whose location or wire name changed. Compatible: the model
     * passes the same argument as before and the regenerated server sends it where the API now
     * expects it. Reported anyway because the request changed, which deserves a look (a spec
     * mistake, or a rule, can send a value where the API ignores it). Added and removed arguments
     * are the schema comparison's.
     */
    private static void compareRoutes(
            String name, ToolSurfaceEntry old, ToolSurfaceEntry now, List<SurfaceChange> out) {
        now.arguments().forEach((argument, route) -> {
            ArgumentRoute was = old.arguments().get(argument);
            if (was != null && !was.equals(route)) {
                out.add(new SurfaceChange(
                        name,
                        Optional.of(argument),
                        ChangeKind.ARGUMENT_ROUTE_CHANGED,
                        false,
                        "argument " + code(argument) + " is now sent as " + route.describe(MessageText::code) + " (was "
                                + was.describe(MessageText::code) + ")"));
            }
        });
    }

    private static SurfaceChange change(String tool, ChangeKind kind, boolean breaking, String message) {
        return new SurfaceChange(tool, Optional.empty(), kind, breaking, message);
    }

    private static String endpoint(ToolSurfaceEntry tool) {
        return tool.method() + " " + tool.path();
    }

    private static String tagList(Iterable<String> tags) {
        List<String> spans = new ArrayList<>();
        tags.forEach(tag -> spans.add(code(tag)));
        return "[" + String.join(", ", spans) + "]";
    }
}
