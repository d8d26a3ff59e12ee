package io.calcommcp.server.research;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.calcommcp.server.engine.CallContext;
import io.calcommcp.server.engine.Outcome;
import io.calcommcp.server.engine.PreparedTool;
import io.calcommcp.server.engine.ToolExecutor;
import io.calcommcp.server.engine.ToolResult;
import io.calcommcp.server.engine.ToolSet;
import io.calcommcp.toolapi.RecordPointer;
import io.calcommcp.toolapi.SearchProfile;
import io.calcommcp.toolapi.SearchSource;
import io.calcommcp.toolapi.ToolHints;
import io.calcommcp.toolapi.VendorProfile;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The server's {@value SearchProfile#SEARCH_TOOL} and {@value SearchProfile#FETCH_TOOL} tools, the
 * two that ChatGPT's deep research and company knowledge call, with the answers OpenAI specifies:
 * {@code search(query)} gives {@code {"results": [{"id", "title", "url"}]}} and {@code fetch(id)}
 * gives {@code {"id", "title", "text", "url", "metadata"}}, each as JSON text content (the result's
 * text is that JSON; its structured content is the same object).
 *
 * <p>What they search is the generated {@link SearchProfile}: each source names a list tool and a
 * get tool of the catalog. A search calls each source's list tool once (one page, newest first
 * where the API sorts, with the source's fixed arguments), keeps the records whose text fields
 * contain words of the query, those with more of them first ({@link QueryWords}), newest first
 * among equals, and takes turns between the sources among equals; a fetch calls the source's get
 * tool with the id. A success carries the API's rate limits as of its last call, as a direct call's
 * does. Every call goes through the {@link ToolExecutor} with the caller's {@link
 * CallContext}, so the caller's account and key, their per-minute limit, the API's errors (a 401, a
 * 429 with its rate limits, a 5xx) and the {@code tool_call} log line are exactly those of a direct
 * call; an API error comes back as the very result the direct call gives. A source is searched only
 * when the caller's scope allows its list tool, and read only when it allows its get tool: to a
 * caller whose scope allows neither, the source does not exist.
 *
 * <p>Immutable and shared by every call. Registering the tools on a transport, and whether to at
 * all, is the transport's business: {@link #shown}, {@link #tools} and {@link #call}.
 */
public final class ResearchTools {

    private static final ToolHints HINTS = new ToolHints(true, false, true, true);

    private final ObjectMapper json;
    private final ToolExecutor executor;
    private final String api;
    private final int maxResults;
    private final List<Source> sources;
    private final Map<String, Source> byName = new LinkedHashMap<>();

    /** A source with its two tools found in the catalog. */
    private record Source(SearchSource profile, PreparedTool list, PreparedTool get) {
        boolean listable(CallContext context) {
            return context.scope().allows(list.definition());
        }

        boolean readable(CallContext context) {
            return context.scope().allows(get.definition());
        }
    }

    /** One search result, with what orders it: how many query words it has, then how new it is. */
    private record Found(String id, String title, String url, int score, NewestFirst order) {}

    /** More query words first, then newest first. */
    private static final Comparator<Found> BEST_FIRST =
            Comparator.comparingInt(Found::score).reversed().thenComparing(Found::order, NewestFirst.ORDER);

    private ResearchTools(ToolSet tools, ToolExecutor executor, ObjectMapper json) {
        this.json = json;
        this.executor = executor;
        VendorProfile profile = tools.profile();
        this.api = profile.displayName();
        this.maxResults = profile.search().maxResults();
        for (String own : List.of(SearchProfile.SEARCH_TOOL, SearchProfile.FETCH_TOOL)) {
            if (tools.find(own).isPresent()) {
                throw new IllegalStateException("The catalog has a tool called " + own
                        + ", which is the name of the server's own " + own + " tool; rename it in the rules");
            }
        }
        List<Source> found = new ArrayList<>();
        for (SearchSource source : profile.search().sources()) {
            Source prepared =
                    new Source(source, tool(tools, source, source.listTool()), tool(tools, source, source.getTool()));
            found.add(prepared);
            byName.put(source.name(), prepared);
        }
        this.sources = List.copyOf(found);
    }

    /**
     * The research tools over {@code tools}, or empty when the profile names nothing to search.
     *
     * @param executor runs every call to the API, exactly as a direct tool call
     * @throws IllegalStateException if a source names a tool the catalog does not have, or the
     *     catalog has a tool of either name (the generator refuses both, so this is a stale build)
     */
    public static Optional<ResearchTools> of(ToolSet tools, ToolExecutor executor, ObjectMapper json) {
        if (tools.profile().search().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ResearchTools(tools, executor, json));
    }

    private static PreparedTool tool(ToolSet tools, SearchSource source, String name) {
        return tools.find(name)
                .orElseThrow(() -> new IllegalStateException("Search source " + source.name() + " names tool " + name
                        + ", which the catalog does not have; regenerate the catalog and its profile together"));
    }

    /** Whether {@code name} is one of these tools' names. */
    public static boolean isResearchTool(String name) {
        return name.equals(SearchProfile.SEARCH_TOOL) || name.equals(SearchProfile.FETCH_TOOL);
    }

    /** Whether the caller sees the two tools: its scope allows at least one source's list tool. */
    public boolean shown(CallContext context) {
        return sources.stream().anyMatch(s -> s.listable(context));
    }

    /**
     * The two tools as the caller's tool list shows them, their descriptions naming only what the
     * caller may search; none if it may search nothing.
     */
    public List<ResearchTool> tools(CallContext context) {
        List<Source> searchable =
                sources.stream().filter(s -> s.listable(context)).toList();
        if (searchable.isEmpty()) {
            return List.of();
        }
        return describe(
                searchable, searchable.stream().filter(s -> s.readable(context)).toList());
    }

    /**
     * The two tools as a caller whose scope allows every source sees them, for a transport that
     * lists the same tools to every caller.
     */
    public List<ResearchTool> tools() {
        return describe(sources, sources);
    }

    private List<ResearchTool> describe(List<Source> searchable, List<Source> readable) {
        String kinds = kinds(searchable);
        String ids = idShapes(readable.isEmpty() ? searchable : readable);
        ResearchTool search = new ResearchTool(
                SearchProfile.SEARCH_TOOL,
                "Search " + api,
                "Searches your " + api + " " + kinds + " for words of the query; at most " + maxResults
                        + ", most words first, then newest: each an id for fetch, a title and a web page."
                        + " Empty query: the newest.",
                """
                {"type": "object", "properties": {
                  "query": {"type": "string", "description": "Words to find; empty for the newest."}},
                 "required": ["query"]}""",
                HINTS);
        ResearchTool fetch = new ResearchTool(
                SearchProfile.FETCH_TOOL,
                "Fetch " + api,
                "Reads one of your " + api + " " + kinds(readable.isEmpty() ? searchable : readable)
                        + " by a search result's id (" + ids + "): title, fields as text, web page, metadata.",
                """
                {"type": "object", "properties": {
                  "id": {"type": "string", "description": "The id of a search result."}},
                 "required": ["id"]}""",
                HINTS);
        return List.of(search, fetch);
    }

    /**
     * Runs {@code name} ({@value SearchProfile#SEARCH_TOOL} or {@value SearchProfile#FETCH_TOOL})
     * with the client's arguments (null for none). Arguments of the wrong shape are refused as a
     * tool's are, with nothing sent.
     *
     * @throws IllegalArgumentException if {@code name} is neither tool (see {@link #isResearchTool})
     */
    public ToolResult call(String name, Map<String, Object> arguments, CallContext context) {
        Map<String, Object> given = arguments == null ? Map.of() : arguments;
        if (name.equals(SearchProfile.SEARCH_TOOL)) {
            Object query = given.get("query");
            if (!(query instanceof String text)) {
                return refused(
                        name,
                        "query: give the words to search for as a string"
                                + (query == null ? "" : ", not " + json.valueToTree(query))
                                + " (\"\" for the newest).");
            }
            return search(text, context);
        }
        if (name.equals(SearchProfile.FETCH_TOOL)) {
            Object id = given.get("id");
            if (!(id instanceof String text)) {
                return refused(name, "id: give the id of a search result as a string, such as " + example(context));
            }
            return fetch(text, context);
        }
        throw new IllegalArgumentException("not a research tool: " + name);
    }

    /**
     * The records whose text contains words of {@code query}, those with more of them first, newest
     * first among equals, the sources taking turns among equals, at most the profile's most results.
     * An API error of a list call is the answer, as the list tool gives it: a search that silently
     * skipped a source would mislead.
     */
    public ToolResult search(String query, CallContext context) {
        List<Source> searchable =
                sources.stream().filter(s -> s.listable(context)).toList();
        if (searchable.isEmpty()) {
            return refused(SearchProfile.SEARCH_TOOL, "there is nothing this server may search for you.");
        }
        QueryWords words = QueryWords.of(query);
        List<List<Found>> perSource = new ArrayList<>();
        Optional<ObjectNode> rateLimit = Optional.empty();
        for (Source source : searchable) {
            ToolResult listed =
                    executor.call(source.list(), arguments(source.profile().listArguments()), context);
            if (listed.isError()) {
                return listed;
            }
            // The key's limits as the API counted them last: the later answer is the current one.
            if (listed.rateLimit().isPresent()) {
                rateLimit = listed.rateLimit();
            }
            perSource.add(matches(source.profile(), listed.structured(), words));
        }
        ObjectNode out = json.createObjectNode();
        ArrayNode results = out.putArray("results");
        for (Found found : takingTurns(perSource)) {
            results.addObject()
                    .put("id", found.id())
                    .put("title", found.title())
                    .put("url", found.url());
        }
        return answer(out, 200, rateLimit);
    }

    /** A success whose text is {@code out}'s JSON, with the API's rate limits if it said them. */
    private ToolResult answer(ObjectNode out, int status, Optional<ObjectNode> rateLimit) {
        return new ToolResult(false, out, write(out), Outcome.OK, status, rateLimit, true);
    }

    /**
     * One record by the id a search gave ({@code <source>:<id>}), read with the source's get tool:
     * its title, its text fields as labelled lines, its web page and metadata. An id of no source
     * the caller may read is refused, saying what ids look like; an API error is the answer, as the
     * get tool gives it.
     */
    public ToolResult fetch(String id, CallContext context) {
        int colon = id.indexOf(':');
        Source source = colon > 0 ? byName.get(id.substring(0, colon)) : null;
        String recordId = colon > 0 ? id.substring(colon + 1).strip() : "";
        if (source == null || recordId.isEmpty() || !source.readable(context)) {
            return refused(
                    SearchProfile.FETCH_TOOL,
                    "id: '" + id + "' is not the id of a search result here; ids look like " + example(context)
                            + ", as search gives them.");
        }
        SearchSource profile = source.profile();
        ToolResult got = executor.call(source.get(), Map.of(profile.getArgument(), recordId), context);
        if (got.isError()) {
            return got;
        }
        JsonNode answered = got.structured().at(profile.recordPointer());
        // A series (of recurring events, say) read by its own id: its first record stands for it.
        JsonNode record = answered.isArray() ? answered.path(0) : answered;
        if (!record.isObject()) {
            return ToolResult.failure(
                    Outcome.UPSTREAM_INVALID_RESPONSE,
                    got.upstreamStatus(),
                    false,
                    "The " + api + " API answered " + profile.getTool() + " for '" + id + "' without a record at '"
                            + profile.recordPointer() + "', so there is nothing to show.",
                    json.createObjectNode());
        }
        String resultId = profile.resultId(recordId);
        String title = RecordReader.text(record, profile.titlePointer()).orElse(resultId);
        ObjectNode out = json.createObjectNode()
                .put("id", resultId)
                .put("title", title)
                .put("text", text(profile, record, title))
                .put("url", url(profile, record));
        ObjectNode metadata = out.putObject("metadata");
        profile.metadataPointers().forEach((key, pointer) -> {
            List<JsonNode> values = RecordReader.values(record, pointer);
            if (RecordPointer.manyValues(pointer)) {
                if (!values.isEmpty()) {
                    metadata.putArray(key).addAll(values);
                }
            } else if (!values.isEmpty()) {
                metadata.set(key, values.get(0));
            }
        });
        return answer(out, got.upstreamStatus() == null ? 200 : got.upstreamStatus(), got.rateLimit());
    }

    private List<Found> matches(SearchSource source, ObjectNode answer, QueryWords words) {
        JsonNode records = answer.at(source.recordsPointer());
        List<Found> found = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (JsonNode record : records.isArray() ? records : json.createArrayNode()) {
            Optional<String> recordId = RecordReader.text(record, source.idPointer());
            if (recordId.isEmpty() || !seen.add(recordId.get())) {
                continue; // without an id a record cannot be fetched; a repeat adds nothing
            }
            List<String> texts = new ArrayList<>(RecordReader.texts(record, source.titlePointer()));
            source.textPointers().forEach(p -> texts.addAll(RecordReader.texts(record, p)));
            int score = words.score(texts);
            if (score == 0) {
                continue;
            }
            String id = source.resultId(recordId.get());
            NewestFirst order = source.newestFirstPointer()
                    .map(p -> NewestFirst.of(
                            RecordReader.values(record, p).stream().findFirst()))
                    .orElse(NewestFirst.NONE);
            found.add(new Found(
                    id,
                    RecordReader.text(record, source.titlePointer()).orElse(id),
                    url(source, record),
                    score,
                    order));
        }
        // Without a field to sort by, equals keep the order the API answered in (the sort is stable).
        found.sort(
                source.newestFirstPointer().isPresent()
                        ? BEST_FIRST
                        : Comparator.comparingInt(Found::score).reversed());
        return found;
    }

    /**
     * The best results first: those with the most query words, of each source in turn (each
     * source's best first), then those with fewer, until there are enough.
     */
    private List<Found> takingTurns(List<List<Found>> perSource) {
        List<Integer> scores = perSource.stream()
                .flatMap(List::stream)
                .map(Found::score)
                .distinct()
                .sorted(Comparator.reverseOrder())
                .toList();
        List<Found> out = new ArrayList<>();
        for (int score : scores) {
            List<List<Found>> tier = perSource.stream()
                    .map(found -> found.stream().filter(f -> f.score() == score).toList())
                    .toList();
            for (int round = 0; out.size() < maxResults; round++) {
                boolean any = false;
                for (List<Found> found : tier) {
                    if (round < found.size() && out.size() < maxResults) {
                        out.add(found.get(round));
                        any = true;
                    }
                }
                if (!any) {
                    break;
                }
            }
        }
        return out;
    }

    /** The record as text: its title, then one line per text field, "Label: value, value". */
    private static String text(SearchSource source, JsonNode record, String title) {
        StringBuilder text = new StringBuilder(title);
        for (String pointer : source.textPointers()) {
            if (pointer.equals(source.titlePointer())) {
                continue;
            }
            List<String> values = RecordReader.texts(record, pointer);
            if (!values.isEmpty()) {
                text.append('\n')
                        .append(RecordReader.label(pointer))
                        .append(": ")
                        .append(String.join(", ", values));
            }
        }
        return text.toString();
    }

    /** The record's web page; empty if a field the template needs is missing. */
    private static String url(SearchSource source, JsonNode record) {
        return source.url()
                .expand(pointer -> RecordReader.text(record, pointer))
                .orElse("");
    }

    private static Map<String, Object> arguments(Map<String, String> fixed) {
        return new LinkedHashMap<>(fixed);
    }

    /** What the source's labels read as together: "bookings and event types". */
    private static String kinds(List<Source> sources) {
        List<String> labels = sources.stream().map(s -> s.profile().label()).toList();
        if (labels.size() == 1) {
            return labels.get(0);
        }
        return String.join(", ", labels.subList(0, labels.size() - 1)) + " and " + labels.get(labels.size() - 1);
    }

    private static String idShapes(List<Source> sources) {
        return sources.stream().map(s -> s.profile().name() + ":<id>").collect(Collectors.joining(", "));
    }

    /** The shapes of the ids the caller may fetch, for messages. */
    private String example(CallContext context) {
        List<Source> readable =
                sources.stream().filter(s -> s.readable(context)).toList();
        return readable.isEmpty() ? "(none: there is nothing this server may read for you)" : idShapes(readable);
    }

    /** A refusal before anything was sent: the shape of a tool's refused arguments. */
    private ToolResult refused(String tool, String problem) {
        ObjectNode details = json.createObjectNode();
        details.putArray("problems").add(problem);
        return ToolResult.failure(
                Outcome.INVALID_ARGUMENTS,
                null,
                false,
                "Invalid arguments for " + tool + ", nothing was sent:\n- " + problem,
                details);
    }

    private String write(JsonNode node) {
        try {
            return json.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A JSON tree could not be written", e);
        }
    }
}
