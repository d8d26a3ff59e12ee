package io.calcommcp.server.research;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.calcommcp.server.engine.Account;
import io.calcommcp.server.engine.ArgumentChecker;
import io.calcommcp.server.engine.CallAdmission;
import io.calcommcp.server.engine.CallContext;
import io.calcommcp.server.engine.CallObserver;
import io.calcommcp.server.engine.RequestBuilder;
import io.calcommcp.server.engine.ToolExecutor;
import io.calcommcp.server.engine.ToolResult;
import io.calcommcp.server.engine.ToolScope;
import io.calcommcp.server.engine.ToolSet;
import io.calcommcp.server.log.StructuredLog;
import io.calcommcp.server.upstream.UpstreamClient;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * How a search ranks what it finds when a model queries as people speak: by how many of the query's
 * telling words a record contains, newest first among equals, the sources taking turns among
 * equals; common words and single characters do not count.
 */
class SearchRankingTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static FakeShop shop;
    private static UpstreamClient upstream;
    private static ResearchTools research;

    @BeforeAll
    static void start() throws Exception {
        shop = new FakeShop();
        upstream = new UpstreamClient("the Shop API", Duration.ofSeconds(2), Duration.ofSeconds(5), "test", 1 << 20);
        ToolSet tools = ToolSet.prepare(new ShopCatalog(ShopCatalog.search()), JSON);
        ToolExecutor executor = new ToolExecutor(
                JSON,
                tools.profile(),
                new ArgumentChecker(),
                new RequestBuilder(JSON),
                upstream,
                new StructuredLog(new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8), JSON),
                100 * 1024,
                new CallAdmission(8, Clock.systemUTC()),
                CallObserver.NONE,
                Clock.systemUTC());
        research = ResearchTools.of(tools, executor, JSON).orElseThrow();
    }

    @AfterAll
    static void stop() {
        upstream.close();
        shop.close();
    }

    private static List<String> ids(String query) throws Exception {
        CallContext caller = CallContext.of(
                new Account("acct", "Shop", URI.create(shop.baseUrl()), "shop_live_ranking"), ToolScope.ALL);
        ToolResult result = research.search(query, caller);
        assertFalse(result.isError(), result.text());
        List<String> ids = new ArrayList<>();
        JSON.readTree(result.text())
                .get("results")
                .forEach(r -> ids.add(r.get("id").asText()));
        return ids;
    }

    @Test
    void aQueryAsPeopleSpeakFindsTheRecordsThatNameWhatItAsksFor() throws Exception {
        // No record holds "purchases", and "with" does not count; the Acme ones hold "acme" and "corp".
        assertEquals(
                List.of("order:o-3", "customer:7", "order:o-1"),
                ids("purchases with Acme Corp"),
                "Acme Corp's orders and Acme Corp itself, newest first, the sources taking turns");
    }

    @Test
    void moreWordsFoundRankFirstWhateverTheirAge() throws Exception {
        // o-1 (the oldest) has bolts, nuts and acme; o-3 has bolts and acme; customer 7 has acme.
        assertEquals(List.of("order:o-1", "order:o-3", "customer:7"), ids("acme bolts nuts"));
    }

    @Test
    void commonWordsAndSingleCharactersDoNotCount() throws Exception {
        assertEquals(ids("paint"), ids("the paint for a"), "only paint counts");
        assertEquals(List.of("order:o-2"), ids("paint"));
    }

    @Test
    void punctuationAroundAWordIsNotPartOfIt() throws Exception {
        assertEquals(ids("blue"), ids("\"Blue\"?"));
        assertEquals(List.of("order:o-2", "customer:9"), ids("blue"));
    }

    @Test
    void aQueryOfCommonWordsOnlyStillFilters() throws Exception {
        // "for" is common, but there is nothing else to go by: the summaries "... for ..." match.
        assertEquals(List.of("order:o-2", "order:o-1"), ids("for"));
    }

    @Test
    void wordsThatMatchNothingFindNothing() throws Exception {
        assertEquals(List.of(), ids("invoice refund"));
    }
}
