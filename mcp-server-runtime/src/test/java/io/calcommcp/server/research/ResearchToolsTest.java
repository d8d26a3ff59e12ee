package io.calcommcp.server.research;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.calcommcp.server.engine.Account;
import io.calcommcp.server.engine.ArgumentChecker;
import io.calcommcp.server.engine.CallAdmission;
import io.calcommcp.server.engine.CallContext;
import io.calcommcp.server.engine.CallObserver;
import io.calcommcp.server.engine.Outcome;
import io.calcommcp.server.engine.RequestBuilder;
import io.calcommcp.server.engine.ToolExecutor;
import io.calcommcp.server.engine.ToolResult;
import io.calcommcp.server.engine.ToolScope;
import io.calcommcp.server.engine.ToolSet;
import io.calcommcp.server.log.StructuredLog;
import io.calcommcp.server.upstream.UpstreamClient;
import io.calcommcp.toolapi.Access;
import io.calcommcp.toolapi.Route;
import io.calcommcp.toolapi.SearchProfile;
import io.calcommcp.toolapi.ToolCatalog;
import io.calcommcp.toolapi.ToolDefinition;
import io.calcommcp.toolapi.ToolExposure;
import io.calcommcp.toolapi.ToolHints;
import io.calcommcp.toolapi.VendorProfile;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The search and fetch tools over a small shop catalog, calling a fake shop over real HTTP through
 * the real engine: the answers OpenAI specifies, newest first, within the caller's scope, with the
 * caller's key, and the API's errors as the direct tools give them.
 */
class ResearchToolsTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String KEY = "shop_live_0123456789abcdef";
    static final String OTHER_KEY = "shop_live_fedcba9876543210";

    static FakeShop shop;
    static UpstreamClient upstream;
    static ByteArrayOutputStream logged;
    static ToolSet tools;
    static ToolExecutor executor;
    static ResearchTools research;

    @BeforeAll
    static void start() throws Exception {
        shop = new FakeShop();
        upstream = new UpstreamClient("the Shop API", Duration.ofSeconds(2), Duration.ofSeconds(5), "test", 1 << 20);
        tools = ToolSet.prepare(new ShopCatalog(ShopCatalog.search()), JSON);
        executor = executor(tools.profile());
        research = ResearchTools.of(tools, executor, JSON).orElseThrow();
    }

    static ToolExecutor executor(VendorProfile profile) {
        logged = new ByteArrayOutputStream();
        return new ToolExecutor(
                JSON,
                profile,
                new ArgumentChecker(),
                new RequestBuilder(JSON),
                upstream,
                new StructuredLog(new PrintStream(logged, true, StandardCharsets.UTF_8), JSON),
                100 * 1024,
                new CallAdmission(8, Clock.systemUTC()),
                CallObserver.NONE,
                Clock.systemUTC());
    }

    @AfterAll
    static void stop() throws Exception {
        upstream.close();
        shop.close();
    }

    @BeforeEach
    void forget() {
        shop.clear();
    }

    static CallContext caller(String key, ToolScope scope) {
        Account account =
                new Account("acct-" + key.substring(key.length() - 4), "Shop", URI.create(shop.baseUrl()), key);
        return CallContext.of(account, scope);
    }

    static CallContext everything() {
        return caller(KEY, ToolScope.ALL);
    }

    static ToolScope tagged(String tag) {
        return tool -> tool.tags().contains(tag);
    }

    @Test
    void anEmptyQueryGivesTheNewestOfEachSourceInTurnAsJsonText() throws Exception {
        ToolResult result = research.search("", everything());
        assertFalse(result.isError(), result.text());
        // Orders as the API sorted them (it was asked to); customers sorted here by instant (7's
        // 17:00Z is later than 9's 01:00+09:00, which reads later as text).
        assertEquals(JSON.readTree("""
                        {"results": [
                          {"id": "order:o-3", "title": "More bolts", "url": "https://shop.example.com/orders/o-3"},
                          {"id": "customer:7", "title": "Acme Corp", "url": "https://shop.example.com/customers/7"},
                          {"id": "order:o-2", "title": "Paint for Blue Ltd", "url": "https://shop.example.com/orders/o-2"},
                          {"id": "customer:9", "title": "Blue Ltd", "url": "https://shop.example.com/customers/9"},
                          {"id": "order:o-1", "title": "Bolts for Acme", "url": "https://shop.example.com/orders/o-1"},
                          {"id": "customer:8", "title": "Zed & Sons", "url": "https://shop.example.com/customers/8"}]}"""), JSON.readTree(result.text()), "the text is the JSON answer");
        assertEquals(result.structured(), JSON.readTree(result.text()), "structured content and text agree");
        assertTrue(result.textIsStructuredJson());
        List<FakeShop.Received> sent = shop.received();
        assertEquals(2, sent.size(), "one list call per source: " + sent);
        assertEquals("/orders", sent.get(0).path());
        assertEquals(
                Map.of("sort", "desc", "take", "50", "skip", "0"), sent.get(0).query(), "fixed arguments, one page");
        assertEquals("/customers", sent.get(1).path());
    }

    @Test
    void wordsOfTheQueryMatchInTheTextFieldsInAnyCase() throws Exception {
        assertEquals(
                List.of("order:o-3", "order:o-1", "customer:7"),
                ids(research.search("  ACME   bolts ", everything())),
                "both words first, then one of them");
        assertEquals(
                List.of("order:o-3", "customer:7", "order:o-1"),
                ids(research.search("buyer@acme.example", everything())),
                "an email in a nested field and in a top-level one");
        assertEquals(List.of("order:o-2"), ids(research.search("paint", everything())), "an item of a list");
        assertEquals(List.of(), ids(research.search("margin", everything())), "internalNote is not a text field");
        assertEquals(
                List.of("order:o-3", "customer:7", "order:o-2", "order:o-1"),
                ids(research.search("acme paint", everything())),
                "any word, each record having one: newest first, the sources taking turns");
    }

    @Test
    void aSearchReturnsAtMostTheProfilesMostResults() throws Exception {
        ToolSet few = ToolSet.prepare(
                new ShopCatalog(SearchProfile.builder()
                        .maxResults(3)
                        .source(ShopCatalog.ORDERS)
                        .source(ShopCatalog.CUSTOMERS)
                        .build()),
                JSON);
        ResearchTools limited = ResearchTools.of(few, executor, JSON).orElseThrow();
        assertEquals(List.of("order:o-3", "customer:7", "order:o-2"), ids(limited.search("", everything())));
        assertTrue(limited.tools(everything()).get(0).description().contains("at most 3"));
    }

    @Test
    void aSourceOutsideTheScopeIsNeitherSearchedNorRead() throws Exception {
        CallContext customersOnly = caller(KEY, tagged("customers"));
        assertTrue(research.shown(customersOnly));
        assertEquals(List.of("customer:7", "customer:9", "customer:8"), ids(research.search("", customersOnly)));
        assertTrue(shop.received().stream().noneMatch(r -> r.path().startsWith("/orders")), "orders were not listed");

        ToolResult refused = research.fetch("order:o-1", customersOnly);
        assertTrue(refused.isError());
        assertEquals(Outcome.INVALID_ARGUMENTS, refused.outcome());
        assertTrue(refused.text().contains("ids look like customer:<id>"), refused.text());
        assertFalse(refused.text().contains("order:<id>"), "an out-of-scope source is not even named");
        assertTrue(shop.received().stream().noneMatch(r -> r.path().startsWith("/orders")), "no order was read");

        String listed = String.join(
                " ",
                research.tools(customersOnly).stream()
                        .map(ResearchTool::description)
                        .toList());
        assertTrue(listed.contains("customers"), listed);
        assertFalse(listed.contains("orders"), listed);
    }

    @Test
    void aScopeWithoutAListToolSeesNoSearch() {
        CallContext writesOnly = caller(KEY, tool -> tool.name().equals(ShopCatalog.CREATE_ORDER));
        assertFalse(research.shown(writesOnly));
        assertEquals(List.of(), research.tools(writesOnly));
        ToolResult refused = research.search("", writesOnly);
        assertTrue(refused.isError());
        assertTrue(refused.text().contains("nothing this server may search"), refused.text());
        assertEquals(List.of(), shop.received(), "nothing was sent");
        // Reading without listing: the get tools alone do not show the tools either.
        assertFalse(research.shown(caller(KEY, tool -> tool.verb().equals("get"))));
    }

    @Test
    void fetchReadsOneRecordAsTitleTextUrlAndMetadata() throws Exception {
        ToolResult result = research.fetch("order:o-1", everything());
        assertFalse(result.isError(), result.text());
        assertEquals(JSON.readTree("""
                        {"id": "order:o-1",
                         "title": "Bolts for Acme",
                         "text": "Bolts for Acme\\nCustomer name: Acme Corp\\nCustomer email: buyer@acme.example\\nLines product: bolts, nuts\\nStatus: delivered",
                         "url": "https://shop.example.com/orders/o-1",
                         "metadata": {"placed": "2026-03-01T09:00:00Z", "status": "delivered", "products": ["bolts", "nuts"]}}"""), JSON.readTree(result.text()));
        assertEquals(result.structured(), JSON.readTree(result.text()));
        assertEquals(
                List.of("/orders/o-1"),
                shop.received().stream().map(FakeShop.Received::path).toList());
    }

    @Test
    void fetchGivesTheIdToTheGetToolAsADirectCallWould() throws Exception {
        // customerId is an integer argument: "7" becomes 7, as the engine coerces any call's.
        ToolResult result = research.fetch("customer:7", everything());
        assertFalse(result.isError(), result.text());
        JsonNode answer = JSON.readTree(result.text());
        assertEquals("customer:7", answer.get("id").asText());
        assertEquals("Acme Corp\nEmail: buyer@acme.example", answer.get("text").asText());
        assertEquals("https://shop.example.com/customers/7", answer.get("url").asText());
        assertEquals("2025-11-19T17:00:00Z", answer.at("/metadata/since").asText());
        assertEquals("/customers/7", shop.received().get(0).path());
    }

    @Test
    void aSeriesReadByItsIdShowsItsFirstRecord() throws Exception {
        JsonNode answer =
                JSON.readTree(research.fetch("order:series-1", everything()).text());
        assertEquals("order:series-1", answer.get("id").asText(), "the id asked for");
        assertEquals("Bolts for Acme", answer.get("title").asText());
    }

    @Test
    void badIdsAreRefusedSayingWhatIdsLookLike() {
        for (String id : List.of("o-1", "order", "order:", "order:  ", "widget:1", ":o-1", "")) {
            ToolResult refused = research.fetch(id, everything());
            assertTrue(refused.isError(), id);
            assertEquals(Outcome.INVALID_ARGUMENTS, refused.outcome(), id);
            assertTrue(
                    refused.text()
                            .contains("is not the id of a search result here; ids look like order:<id>,"
                                    + " customer:<id>"),
                    refused.text());
        }
        assertEquals(List.of(), shop.received(), "nothing was sent");
    }

    @Test
    void anIdTheApiDoesNotKnowIsTheGetToolsOwnError() {
        ToolResult fetched = research.fetch("order:o-404", everything());
        ToolResult direct = executor.call(
                tools.find(ShopCatalog.GET_ORDER).orElseThrow(), Map.of("orderId", "o-404"), everything());
        assertTrue(fetched.isError());
        assertEquals(404, fetched.upstreamStatus());
        assertEquals(direct.text(), fetched.text());
        assertEquals(direct.structured(), fetched.structured());
    }

    @Test
    void anAnswerWithoutARecordIsAnInvalidAnswer() {
        ToolResult result = research.fetch("order:broken", everything());
        assertTrue(result.isError());
        assertEquals(Outcome.UPSTREAM_INVALID_RESPONSE, result.outcome());
        assertTrue(result.text().contains("without a record at '/order'"), result.text());
    }

    @Test
    void everyCallCarriesTheCallersKeyAndNoResultOrLogLineDoes() throws Exception {
        ToolResult mine = research.search("bolts", caller(KEY, ToolScope.ALL));
        ToolResult theirs = research.fetch("order:o-3", caller(OTHER_KEY, ToolScope.ALL));
        List<String> keys =
                shop.received().stream().map(FakeShop.Received::authorization).toList();
        assertEquals(List.of("Bearer " + KEY, "Bearer " + KEY, "Bearer " + OTHER_KEY), keys);
        String log = logged.toString(StandardCharsets.UTF_8);
        for (String text : List.of(mine.text(), theirs.text(), log)) {
            assertFalse(text.contains(KEY) || text.contains(OTHER_KEY), text);
        }
        // Each call is logged as the list or get tool it is, for the caller's account.
        assertTrue(log.contains("\"tool\":\"" + ShopCatalog.LIST_ORDERS + "\""), log);
        assertTrue(log.contains("\"account\":\"acct-" + OTHER_KEY.substring(OTHER_KEY.length() - 4) + "\""), log);
    }

    @Test
    void aRefusedKeyIsTheListToolsOwnError() {
        CallContext revoked = caller(FakeShop.REVOKED_KEY, ToolScope.ALL);
        ToolResult searched = research.search("bolts", revoked);
        assertEquals(1, shop.received().size(), "the search stopped at the first refusal");
        ToolResult direct =
                executor.call(tools.find(ShopCatalog.LIST_ORDERS).orElseThrow(), Map.of("sort", "desc"), revoked);
        assertTrue(searched.isError());
        assertEquals(Outcome.UPSTREAM_ERROR, searched.outcome());
        assertEquals(401, searched.upstreamStatus());
        assertEquals(direct.text(), searched.text());
        assertEquals(
                "Invalid API key", searched.structured().at("/error/message").asText(), searched.text());
    }

    @Test
    void aRateLimitReachesTheCallerWithItsLimits() {
        ToolResult searched = research.search("", caller(FakeShop.LIMITED_KEY, ToolScope.ALL));
        assertTrue(searched.isError());
        assertEquals(Outcome.RATE_LIMITED, searched.outcome());
        JsonNode error = searched.structured().get("error");
        assertTrue(error.get("retryable").asBoolean());
        assertEquals(60, error.at("/rateLimit/ratelimit-limit").asInt(), error.toString());
        assertEquals(0, error.at("/rateLimit/ratelimit-remaining").asInt(), error.toString());
        assertEquals(30, error.at("/rateLimit/ratelimit-reset").asInt(), error.toString());

        ToolResult fetched = research.fetch("customer:7", caller(FakeShop.LIMITED_KEY, ToolScope.ALL));
        assertEquals(Outcome.RATE_LIMITED, fetched.outcome());
    }

    @Test
    void anApiThatIsDownIsARetryableError() {
        ToolResult searched = research.search("", caller(FakeShop.DOWN_KEY, ToolScope.ALL));
        assertTrue(searched.isError());
        assertEquals(503, searched.upstreamStatus());
        assertTrue(searched.structured().at("/error/retryable").asBoolean(), searched.text());
    }

    @Test
    void aSearchCountsOneCallPerSourceAgainstTheUrlsLimit() {
        // Every list call is a tool call of the URL: with room for one a minute, the second is refused.
        CallContext oneAMinute = CallContext.of(
                        new Account("acct-limited", "Shop", URI.create(shop.baseUrl()), KEY),
                        ToolScope.ALL,
                        ToolExposure.ALL,
                        "url-1")
                .withMaxCallsPerMinute(1);
        ToolResult searched = research.search("", oneAMinute);
        assertTrue(searched.isError());
        assertEquals(Outcome.RATE_LIMITED, searched.outcome());
        assertEquals(
                "calls_per_minute", searched.structured().at("/error/limit").asText(), searched.text());
        assertEquals(1, shop.received().size(), "only the first list call was sent");
    }

    @Test
    void theToolsAreListedReadOnlyWithOneStringArgumentEach() throws Exception {
        List<ResearchTool> listed = research.tools(everything());
        assertEquals(
                List.of("search", "fetch"),
                listed.stream().map(ResearchTool::name).toList());
        for (ResearchTool tool : listed) {
            assertEquals(new ToolHints(true, false, true, true), tool.hints(), tool.name());
        }
        JsonNode search = JSON.readTree(listed.get(0).inputSchema());
        assertEquals("string", search.at("/properties/query/type").asText());
        assertEquals(List.of("query"), List.of(search.get("required").get(0).asText()));
        JsonNode fetch = JSON.readTree(listed.get(1).inputSchema());
        assertEquals("string", fetch.at("/properties/id/type").asText());
        assertEquals("id", fetch.get("required").get(0).asText());
        assertTrue(
                listed.get(0).description().contains("orders and customers"),
                listed.get(0).description());
        assertTrue(
                listed.get(1).description().contains("order:<id>, customer:<id>"),
                listed.get(1).description());
        assertEquals(listed, research.tools(), "a caller who may search everything sees what everyone would");
        assertTrue(ResearchTools.isResearchTool("search") && ResearchTools.isResearchTool("fetch"));
        assertFalse(ResearchTools.isResearchTool(ShopCatalog.LIST_ORDERS));
    }

    @Test
    void callChecksTheArgumentsThenRunsTheTool() throws Exception {
        assertEquals(List.of("order:o-2"), ids(research.call("search", Map.of("query", "paint"), everything())));
        assertEquals(
                "order:o-2",
                JSON.readTree(research.call("fetch", Map.of("id", "order:o-2"), everything())
                                .text())
                        .get("id")
                        .asText());
        shop.clear();
        Map<String, Object> numeric = new HashMap<>();
        numeric.put("query", 5);
        for (ToolResult refused : List.of(
                research.call("search", numeric, everything()),
                research.call("search", null, everything()),
                research.call("fetch", Map.of(), everything()),
                research.call("fetch", Map.of("id", List.of("order:o-1")), everything()))) {
            assertTrue(refused.isError(), refused.text());
            assertEquals(Outcome.INVALID_ARGUMENTS, refused.outcome());
            assertTrue(refused.text().startsWith("Invalid arguments for "), refused.text());
        }
        assertEquals(List.of(), shop.received(), "nothing was sent");
        assertThrows(
                IllegalArgumentException.class, () -> research.call(ShopCatalog.LIST_ORDERS, Map.of(), everything()));
    }

    @Test
    void withoutASearchSectionThereAreNoResearchTools() {
        ToolSet none = ToolSet.prepare(new ShopCatalog(SearchProfile.none()), JSON);
        assertEquals(Optional.empty(), ResearchTools.of(none, executor, JSON));
    }

    @Test
    void aProfileThatDoesNotFitTheCatalogFailsAtStartUp() {
        ToolSet missing = ToolSet.prepare(
                new ShopCatalog(
                        ShopCatalog.search(),
                        List.of(ShopCatalog.listOrders(), ShopCatalog.getOrder(), ShopCatalog.listCustomers())),
                JSON);
        IllegalStateException e =
                assertThrows(IllegalStateException.class, () -> ResearchTools.of(missing, executor, JSON));
        assertTrue(e.getMessage().contains("names tool " + ShopCatalog.GET_CUSTOMER), e.getMessage());

        ToolDefinition search = ToolDefinition.builder("search")
                .title("Search the shop")
                .description("The shop's own search.")
                .operation("SearchController_search")
                .verb("list")
                .access(Access.READ)
                .inputSchema("{\"type\": \"object\"}")
                .route(Route.get("/search"))
                .build();
        ToolCatalog clash = new ShopCatalog(
                ShopCatalog.search(),
                List.of(
                        search,
                        ShopCatalog.getCustomer(),
                        ShopCatalog.getOrder(),
                        ShopCatalog.listCustomers(),
                        ShopCatalog.listOrders()));
        e = assertThrows(
                IllegalStateException.class, () -> ResearchTools.of(ToolSet.prepare(clash, JSON), executor, JSON));
        assertTrue(e.getMessage().contains("has a tool called search"), e.getMessage());
    }

    /** The ids of a search's results, after checking the answer has nothing but them. */
    private static List<String> ids(ToolResult result) throws Exception {
        assertFalse(result.isError(), result.text());
        JsonNode answer = JSON.readTree(result.text());
        List<String> keys = new ArrayList<>();
        answer.fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("results"), keys);
        for (JsonNode found : answer.get("results")) {
            List<String> fields = new ArrayList<>();
            found.fieldNames().forEachRemaining(fields::add);
            assertEquals(List.of("id", "title", "url"), fields, found.toString());
        }
        return answer.get("results").findValuesAsText("id");
    }
}
