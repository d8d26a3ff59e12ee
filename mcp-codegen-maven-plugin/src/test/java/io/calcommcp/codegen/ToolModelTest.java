package io.calcommcp.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.calcommcp.codegen.core.Codegen;
import io.calcommcp.codegen.model.ArgumentDescriptor;
import io.calcommcp.codegen.model.Exposure;
import io.calcommcp.codegen.model.ToolDescriptor;
import io.calcommcp.codegen.model.ToolModel;
import io.calcommcp.toolapi.Access;
import io.calcommcp.toolapi.ArgumentLocation;
import io.calcommcp.toolapi.CredentialScheme;
import io.calcommcp.toolapi.ToolHints;
import io.calcommcp.toolapi.ValueKind;
import io.calcommcp.toolapi.VendorProfile;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the tool model makes of the widgets test spec, asserted one behaviour at a time. */
class ToolModelTest {

    static ToolModel model;

    @BeforeAll
    static void build() throws Exception {
        Path dir = GoldenFilesTest.GOOD.resolve("widgets");
        model = new Codegen().model(dir.resolve("openapi.yaml").toString(), dir.resolve("rules.yaml"));
    }

    static ToolDescriptor tool(String name) {
        return model.tools().stream()
                .filter(t -> t.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no tool " + name + " in " + names()));
    }

    static List<String> names() {
        return model.tools().stream().map(ToolDescriptor::name).toList();
    }

    @Test
    void namesFollowTheConventionAndAreSorted() {
        assertEquals(
                List.of(
                        "add_shop_widget_tags",
                        "archive_shop_widget_by_id",
                        "create_a_shop_order",
                        "create_a_shop_widget",
                        "delete_a_shop_widget_by_id",
                        "get_single_shop_statistics",
                        "get_single_shop_widget_by_id",
                        "list_all_shop_widget_parts",
                        "list_all_shop_widgets",
                        "update_a_shop_widget_by_id",
                        "update_a_shop_widget_label"),
                names());
    }

    @Test
    void deprecatedOperationsAreExcludedWithTheirReason() {
        assertEquals("deprecated", model.excluded().get("LegacyController_list"));
        assertFalse(names().contains("list_all_shop_legacies"));
    }

    @Test
    void credentialHeadersAreNeverArgumentsAndVersionHeadersBecomeConstants() {
        ToolDescriptor list = tool("list_all_shop_widgets");
        assertEquals(
                List.of("status", "createdAfter", "limit", "next_cursor"),
                list.arguments().stream().map(ArgumentDescriptor::name).toList(),
                "the API's take and skip give way to the paging arguments");
        assertEquals("2024-01-01", list.constantHeaders().get("x-shop-version"));
        assertFalse(list.inputSchema().toString().contains("Authorization"));
    }

    @Test
    void pathLevelParametersAreRoutedToThePath() {
        ArgumentDescriptor id = tool("get_single_shop_widget_by_id").arguments().get(0);
        assertEquals("widgetId", id.name());
        assertEquals(ArgumentLocation.PATH, id.location());
        assertTrue(id.required());
    }

    @Test
    void clashingNamesGetALocationPrefixAndKeepTheirWireName() {
        List<ArgumentDescriptor> args = tool("update_a_shop_widget_label").arguments();
        assertEquals(
                List.of("id", "name", "body_id", "body_name", "tree"),
                args.stream().map(ArgumentDescriptor::name).toList());
        assertEquals("id", args.get(2).wireName());
        assertEquals(ArgumentLocation.BODY_PROPERTY, args.get(2).location());
    }

    @Test
    void aNonObjectBodyIsWrappedUnderOneArgument() {
        ArgumentDescriptor body = tool("add_shop_widget_tags").arguments().get(1);
        assertEquals("body", body.name());
        assertEquals(ArgumentLocation.WHOLE_BODY, body.location());
        assertEquals("array", body.schema().get("type").asText());
        assertTrue(body.required());
    }

    @Test
    void allOfIsMergedAndReadOnlyPropertiesDropped() {
        JsonNode schema = tool("create_a_shop_widget").inputSchema();
        assertEquals(
                List.of("name", "size", "launchAt", "owner", "availability"), fieldNames(schema.get("properties")));
        assertEquals("[\"name\",\"size\"]", schema.get("required").toString());
        assertEquals("Who owns it.", schema.at("/properties/owner/description").asText());
        assertEquals("[\"email\"]", schema.at("/properties/owner/required").toString());
        assertEquals(1, schema.at("/properties/size/exclusiveMinimum").asInt());
        assertTrue(schema.at("/properties/size/minimum").isMissingNode());
    }

    @Test
    void overlappingOneOfBodiesAreFlattenedAndDescribed() {
        ToolDescriptor order = tool("create_a_shop_order");
        assertEquals("[\"widgetId\"]", order.inputSchema().get("required").toString());
        assertTrue(
                order.description().contains("PickupOrder_2024_01_01 (required: pickupAt, widgetId; also place)"),
                order.description());
        JsonNode place = order.inputSchema().at("/properties/place");
        assertTrue(place.has("anyOf") && !place.has("oneOf"), place.toString());
    }

    @Test
    void timestampsAndDatesAreRecognisedAndExplained() {
        ArgumentDescriptor createdAfter =
                tool("list_all_shop_widgets").arguments().get(1);
        assertEquals(ValueKind.TIMESTAMP, createdAfter.kind());
        assertEquals(
                "[\"2025-03-07T10:00:00.000Z\"]",
                createdAfter.schema().get("examples").toString(),
                "the ?createdAfter= prefix of the spec's example is removed");
        assertTrue(createdAfter
                .schema()
                .get("description")
                .asText()
                .contains("explicit UTC offset, e.g. 2026-10-15T14:00:00-04:00"));
        ArgumentDescriptor launchAt = tool("create_a_shop_widget").arguments().stream()
                .filter(a -> a.name().equals("launchAt"))
                .findFirst()
                .orElseThrow();
        assertEquals(ValueKind.TIMESTAMP, launchAt.kind(), "a plain string whose example is a timestamp");
        assertEquals(
                "date-time", launchAt.schema().get("format").asText(), "so the server checks it wherever it is nested");
        ArgumentDescriptor availableFrom =
                tool("update_a_shop_widget_by_id").arguments().get(2);
        assertEquals(ValueKind.DATE, availableFrom.kind());
        assertTrue(availableFrom.schema().get("description").asText().contains("date without a time"));
    }

    @Test
    void nestedDatesAndTimestampsAreDecidedOnceAndCarriedByPointer() {
        ToolDescriptor create = tool("create_a_shop_widget");
        ArgumentDescriptor owner = argument(create, "owner");
        assertEquals(
                Map.of("/memberSince", ValueKind.DATE, "/timeZone", ValueKind.TIME_ZONE),
                owner.nestedKinds(),
                "timeZone by its name (value-kinds), memberSince by its format");
        ArgumentDescriptor availability = argument(create, "availability");
        assertEquals(Map.of("/*/start", ValueKind.TIMESTAMP), availability.nestedKinds());
        ArgumentDescriptor place = argument(tool("create_a_shop_order"), "place");
        assertEquals(Map.of(), place.nestedKinds(), "no string inside place is a date or a timestamp");
        assertEquals(Map.of(), argument(create, "launchAt").nestedKinds(), "a top-level string has only its kind");
    }

    @Test
    void everyOperationRecordsWhatExposedItOrWhyNot() {
        Exposure list = model.exposure("WidgetsController_list").orElseThrow();
        assertEquals(java.util.Optional.of("list_all_shop_widgets"), list.tool());
        assertFalse(list.byRule(), "exposed by expose-tags");
        assertEquals(11, list.decidedBy().orElseThrow().line(), "the expose-tags line");
        Exposure stats = model.exposure("AdminController_stats").orElseThrow();
        assertTrue(stats.byRule(), "exposed by a rule");
        assertEquals(23, stats.decidedBy().orElseThrow().line(), "the rule's line");
        Exposure legacy = model.exposure("LegacyController_list").orElseThrow();
        assertEquals(java.util.Optional.of("deprecated"), legacy.reason());
        assertEquals(12, model.exposures().size(), "every operation of the spec");
    }

    @Test
    void theProfileComesFromTheServerBlockWithDefaultsForTheRest() {
        VendorProfile profile = model.profile();
        assertEquals("Widget Shop", profile.displayName());
        assertEquals("shop-mcp", profile.serverName(), "default: the vendor word and -mcp");
        assertEquals("SHOP", profile.environmentPrefix(), "default: the vendor word, upper case");
        assertEquals("https://shop.example.com/api", profile.defaultBaseUrl());
        assertEquals(CredentialScheme.header("X-Shop-Key"), profile.credential());
        assertEquals(List.of("/error/message", "/message", "/error"), profile.errorMessagePointers());
        assertTrue(profile.instructions().startsWith("This server manages a widget shop."), profile.instructions());
    }

    @Test
    void mdxAndHtmlAreStrippedFromDescriptions() {
        assertEquals(
                "List widgets. Lists widgets. Results are paged; use `take` and `skip`.",
                tool("list_all_shop_widgets").description());
        JsonNode launchAt = tool("create_a_shop_widget").inputSchema().at("/properties/launchAt/description");
        // "<b>in UTC</b>": the tag goes, and so does the demand for UTC, which the guidance contradicts.
        assertTrue(
                launchAt.asText().startsWith("When it goes on sale. ISO 8601 date-time with an explicit UTC offset"),
                launchAt.asText());
    }

    @Test
    void nullableBecomesANullType() {
        assertEquals(
                "[\"string\",\"null\"]",
                tool("update_a_shop_widget_by_id")
                        .inputSchema()
                        .at("/properties/name/type")
                        .toString());
    }

    @Test
    void annotationsFollowTheMethodAndRulesOverrideThem() {
        assertEquals(
                new ToolHints(true, false, true, true),
                tool("list_all_shop_widgets").hints());
        assertEquals(
                new ToolHints(false, true, true, true),
                tool("delete_a_shop_widget_by_id").hints());
        assertEquals(
                new ToolHints(false, false, false, true),
                tool("create_a_shop_widget").hints());
        assertEquals(
                new ToolHints(false, false, false, true),
                tool("archive_shop_widget_by_id").hints(),
                "the rule says archiving is not destructive");
        assertEquals(Access.READ, tool("get_single_shop_statistics").access());
    }

    @Test
    void recursiveSchemasStopInsteadOfExpandingForever() {
        JsonNode items =
                tool("update_a_shop_widget_label").inputSchema().at("/properties/tree/properties/children/items");
        assertEquals(
                "A nested LabelNode (recursive; any JSON value accepted here).",
                items.get("description").asText());
        assertFalse(tool("update_a_shop_widget_label").inputSchema().toString().contains("$ref"));
    }

    @Test
    void everyTopLevelSchemaRejectsUnknownArguments() {
        for (ToolDescriptor t : model.tools()) {
            assertFalse(t.inputSchema().get("additionalProperties").asBoolean(true), t.name());
        }
    }

    private static ArgumentDescriptor argument(ToolDescriptor tool, String name) {
        return tool.arguments().stream()
                .filter(a -> a.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError(tool.name() + " has no argument " + name));
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
