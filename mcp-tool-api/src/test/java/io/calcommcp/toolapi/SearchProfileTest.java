package io.calcommcp.toolapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SearchProfileTest {

    static SearchSource.Builder orders() {
        return SearchSource.builder("order")
                .list("list_all_shop_orders")
                .listArgument("sort", "newest")
                .records("/items")
                .get("get_single_shop_order_by_id")
                .getArgument("orderId")
                .record("/order")
                .id("/id")
                .title("/summary")
                .url("https://shop.example.com/orders/{id}");
    }

    @Test
    void theBuilderReadsAsTheGeneratedCodeWritesIt() {
        SearchSource source = orders().text("/summary", "/lines/*/product")
                .metadata("placed", "/placedAt")
                .newestFirst("/placedAt")
                .build();
        assertEquals("order", source.label(), "the label defaults to the name");
        assertEquals(Map.of("sort", "newest"), source.listArguments());
        assertEquals(List.of("/summary", "/lines/*/product"), source.textPointers());
        assertEquals(Optional.of("/placedAt"), source.newestFirstPointer());
        assertEquals("order:42", source.resultId("42"));
        assertEquals(
                List.of("/summary"), orders().build().textPointers(), "without text fields, the title is the text");
        assertEquals(
                "event type",
                SearchSource.builder("event_type")
                        .list("l")
                        .get("g")
                        .getArgument("id")
                        .id("/id")
                        .title("/title")
                        .url("https://x.example/e/{id}")
                        .build()
                        .label());
    }

    @Test
    void aProfileWithoutSourcesHasNothingToSearch() {
        assertTrue(SearchProfile.none().isEmpty());
        SearchProfile profile =
                SearchProfile.builder().maxResults(5).source(orders().build()).build();
        assertEquals(5, profile.maxResults());
        assertEquals("order", profile.source("order").orElseThrow().name());
        assertEquals(Optional.empty(), profile.source("booking"));
        assertEquals(
                SearchProfile.DEFAULT_MAX_RESULTS,
                SearchProfile.builder().build().maxResults());
    }

    @Test
    void badSourcesAreRefusedNamingWhatIsWrong() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> orders().id("id").build());
        assertEquals("id pointer 'id' is not a valid pointer: a JSON pointer starts with /", e.getMessage());
        e = assertThrows(
                IllegalArgumentException.class,
                () -> orders().title("/lines/*/product").build());
        assertTrue(e.getMessage().contains("names one value"), e.getMessage());
        assertThrows(
                IllegalArgumentException.class, () -> orders().text("/a~2b").build());
        assertThrows(
                IllegalArgumentException.class,
                () -> SearchSource.builder("Order:").list("l").build());
        assertThrows(
                NullPointerException.class,
                () -> SearchSource.builder("order")
                        .id("/id")
                        .title("/t")
                        .url("https://x.example/{id}")
                        .build());
        e = assertThrows(
                IllegalArgumentException.class,
                () -> SearchProfile.builder()
                        .source(orders().build())
                        .source(orders().build())
                        .build());
        assertEquals("two search sources are called order", e.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> SearchProfile.builder().maxResults(0).build());
    }

    @Test
    void recordPointersGoThroughEveryItemWithAStar() {
        assertEquals(List.of("attendees", "*", "email"), RecordPointer.segments("/attendees/*/email"));
        assertEquals(List.of("a/b", "c~d"), RecordPointer.segments("/a~1b/c~0d"));
        assertEquals(List.of(), RecordPointer.segments(""));
        assertTrue(RecordPointer.manyValues("/attendees/*/email"));
        assertEquals(Optional.empty(), RecordPointer.problem("/attendees/*/email", true, false));
        assertTrue(RecordPointer.problem("/attendees/*/email", false, false).isPresent());
        assertTrue(RecordPointer.problem("", true, false).isPresent());
        assertEquals(Optional.empty(), RecordPointer.problem("", false, true));
        assertTrue(RecordPointer.problem("/a~", true, false).isPresent());
    }

    @Test
    void urlTemplatesNameFieldsAndEncodeTheirValues() {
        UrlTemplate template = new UrlTemplate("https://app.example.com/t/{team/slug}/b/{uid}");
        assertEquals(List.of("/team/slug", "/uid"), template.fields());
        Map<String, String> values = Map.of("/team/slug", "sales", "/uid", "a b/../c?d#é");
        assertEquals(
                Optional.of("https://app.example.com/t/sales/b/a%20b%2F..%2Fc%3Fd%23%C3%A9"),
                template.expand(p -> Optional.ofNullable(values.get(p))));
        assertEquals(Optional.empty(), template.expand(p -> Optional.empty()), "a missing field gives no address");
        assertTrue(UrlTemplate.problem("https://app.example.com/bookings")
                .orElseThrow()
                .contains("names no field"));
        assertTrue(UrlTemplate.problem("https://app.example.com/{uid")
                .orElseThrow()
                .contains("{ without its }"));
        assertTrue(UrlTemplate.problem("https://app.example.com/uid}")
                .orElseThrow()
                .contains("} without its {"));
        assertTrue(
                UrlTemplate.problem("https://app.example.com/{}").orElseThrow().contains("names no field"));
        assertTrue(UrlTemplate.problem("app.example.com/{id}").orElseThrow().contains("absolute http(s) URL"));
        assertTrue(UrlTemplate.problem("https://{host}/x").isPresent(), "the host is written out");
        assertTrue(UrlTemplate.problem("https://app.example.com/{a/*/b}")
                .orElseThrow()
                .contains("one value"));
        assertThrows(IllegalArgumentException.class, () -> new UrlTemplate("https://app.example.com/"));
    }

    @Test
    void aVendorProfileHasNoKeyCheckAndNoSearchUnlessTold() {
        VendorProfile plain = VendorProfile.builder("Shop")
                .serverName("shop-mcp")
                .environmentPrefix("SHOP")
                .defaultBaseUrl("https://shop.example.com")
                .build();
        assertEquals(Optional.empty(), plain.keyCheckTool());
        assertTrue(plain.search().isEmpty());
        VendorProfile full = VendorProfile.builder("Shop")
                .serverName("shop-mcp")
                .environmentPrefix("SHOP")
                .defaultBaseUrl("https://shop.example.com")
                .keyCheck("get_shop_me")
                .search(SearchProfile.builder().source(orders().build()).build())
                .build();
        assertEquals(Optional.of("get_shop_me"), full.keyCheckTool());
        assertEquals("order", full.search().sources().get(0).name());
        // The canonical constructor of before still works, with neither.
        VendorProfile old = new VendorProfile(
                "Shop",
                "shop",
                "shop-mcp",
                "SHOP",
                "https://shop.example.com",
                CredentialScheme.bearer(),
                "",
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                Optional.empty(),
                "");
        assertEquals(plain.search(), old.search());
        assertEquals(Optional.empty(), old.keyCheckTool());
    }
}
