package io.calcommcp.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.calcommcp.codegen.core.Codegen;
import io.calcommcp.codegen.model.ArgumentDescriptor;
import io.calcommcp.codegen.model.ToolDescriptor;
import io.calcommcp.codegen.model.ToolModel;
import io.calcommcp.codegen.model.ToolNamer;
import io.calcommcp.toolapi.SearchProfile;
import io.calcommcp.toolapi.SearchSource;
import io.calcommcp.toolapi.ToolHints;
import io.calcommcp.toolapi.ValueKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real Cal.com spec (read from {@code calcom.openapi.spec}, never copied into the
 * repository) with the real tagging rules: the 20 core tool names (docs/tools.md, "Names") are there, mapped to the
 * right operations, and the schemas are usable by a strict JSON Schema validator.
 */
class CalcomSpecTest {

    static final Path RULES = Path.of("../calcom-openapi/tagging-rules.yaml");
    static final ObjectMapper JSON = new ObjectMapper();

    /** The 20 core tool names (docs/tools.md, "Names") and the operations they must call. */
    static final Map<String, String> REQUIRED = new TreeMap<>(Map.ofEntries(
            Map.entry("list_all_calcom_bookings", "BookingsController_2024_08_13_getBookings"),
            Map.entry("get_single_calcom_booking_by_id", "BookingsController_2024_08_13_getBooking"),
            Map.entry("create_a_calcom_booking", "BookingsController_2024_08_13_createBooking"),
            Map.entry("list_all_calcom_event_types", "EventTypesController_2024_06_14_getEventTypes"),
            Map.entry("get_single_calcom_event_type_by_id", "EventTypesController_2024_06_14_getEventTypeById"),
            Map.entry("create_a_calcom_event_type", "EventTypesController_2024_06_14_createEventType"),
            Map.entry("update_a_calcom_event_type_by_id", "EventTypesController_2024_06_14_updateEventType"),
            Map.entry("delete_a_calcom_event_type_by_id", "EventTypesController_2024_06_14_deleteEventType"),
            Map.entry("list_all_calcom_schedules", "SchedulesController_2024_06_11_getSchedules"),
            Map.entry("list_all_calcom_schedule", "OrganizationsSchedulesController_getOrganizationSchedules"),
            Map.entry("get_single_calcom_schedule_by_id", "SchedulesController_2024_06_11_getSchedule"),
            Map.entry("create_a_calcom_schedule", "SchedulesController_2024_06_11_createSchedule"),
            Map.entry("update_a_calcom_schedule_by_id", "SchedulesController_2024_06_11_updateSchedule"),
            Map.entry("delete_a_calcom_schedule_by_id", "SchedulesController_2024_06_11_deleteSchedule"),
            Map.entry("list_all_calcom_teams", "TeamsController_getTeams"),
            Map.entry("get_single_calcom_team_by_id", "TeamsController_getTeam"),
            Map.entry("create_a_calcom_team", "TeamsController_createTeam"),
            Map.entry("update_a_calcom_team_by_id", "TeamsController_updateTeam"),
            Map.entry("delete_a_calcom_team_by_id", "TeamsController_deleteTeam"),
            Map.entry("list_all_calcom_calendars", "CalendarsController_getCalendars")));

    static final Set<String> SERVER_HEADERS =
            Set.of("authorization", "x-cal-client-id", "x-cal-secret-key", "cal-api-version");

    static ToolModel model;
    static SchemaRegistry registry;

    @BeforeAll
    static void build() throws Exception {
        model = new Codegen().model(specLocation(), RULES);
        registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    }

    static String specLocation() {
        String spec = System.getProperty("calcom.openapi.spec", "../../shared/calcom-openapi/openapi.json");
        assertTrue(
                spec.startsWith("http") || Files.isRegularFile(Path.of(spec)),
                "Cal.com's spec is not at " + spec + "; set -Dcalcom.openapi.spec=<path or URL>");
        return spec;
    }

    static ToolDescriptor tool(String name) {
        return model.tools().stream()
                .filter(t -> t.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("missing tool " + name));
    }

    @Test
    void theReferenceInventoryIsMappedToTheRightOperations() {
        REQUIRED.forEach((name, operation) -> assertEquals(operation, tool(name).operationId(), name));
    }

    @Test
    void theWorkflowsHaveTheirTools() {
        for (String name : List.of(
                "cancel_calcom_booking_by_id",
                "reschedule_calcom_booking_by_id",
                "list_all_calcom_available_slots",
                "get_calcom_me",
                "create_a_calcom_team_event_type",
                "list_all_calcom_team_event_types")) {
            tool(name);
        }
    }

    @Test
    void namesAreValidAndUnique() {
        Set<String> seen = new HashSet<>();
        for (ToolDescriptor t : model.tools()) {
            assertTrue(ToolNamer.VALID_NAME.matcher(t.name()).matches(), t.name());
            assertTrue(seen.add(t.name()), "duplicate " + t.name());
        }
        assertTrue(model.tools().size() >= 60, "tools: " + model.tools().size());
    }

    @Test
    void deprecatedPlatformOperationsAreNotExposed() throws Exception {
        var spec = new io.calcommcp.codegen.spec.SpecLoader().load(specLocation());
        List<String> deprecated = io.calcommcp.codegen.spec.SpecOperations.of(
                        spec, new io.calcommcp.codegen.diagnostics.Diagnostics())
                .stream()
                .filter(op -> op.specTags().stream().anyMatch(t -> t.startsWith("Deprecated:")))
                .map(io.calcommcp.codegen.spec.SpecOperation::operationId)
                .toList();
        for (String operation : deprecated) {
            assertTrue(model.excluded().getOrDefault(operation, "").startsWith("deprecated"), operation);
        }
    }

    @Test
    void noCredentialOrVersionHeaderIsAnArgument() {
        for (ToolDescriptor t : model.tools()) {
            t.inputSchema()
                    .get("properties")
                    .fieldNames()
                    .forEachRemaining(arg -> assertFalse(
                            SERVER_HEADERS.contains(arg.toLowerCase(Locale.ROOT)), t.name() + " has " + arg));
            t.arguments()
                    .forEach(a -> assertFalse(
                            SERVER_HEADERS.contains(a.wireName().toLowerCase(Locale.ROOT)),
                            t.name() + " sends " + a.wireName()));
        }
        assertEquals(
                "2024-08-13", tool("create_a_calcom_booking").constantHeaders().get("cal-api-version"));
        assertEquals(
                "2024-06-14",
                tool("create_a_calcom_event_type").constantHeaders().get("cal-api-version"));
        assertEquals(
                "2024-06-11",
                tool("list_all_calcom_schedules").constantHeaders().get("cal-api-version"));
        assertEquals(
                "2024-09-04",
                tool("list_all_calcom_available_slots").constantHeaders().get("cal-api-version"));
    }

    @Test
    void everyInputSchemaIsAValidJsonSchemaWithoutReferences() throws Exception {
        Schema meta = registry.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
        for (ToolDescriptor t : model.tools()) {
            List<Error> errors = meta.validate(t.inputSchema());
            assertEquals(List.of(), errors, t.name());
            assertEquals("object", t.inputSchema().get("type").asText(), t.name());
            assertFalse(t.inputSchema().toString().contains("\"$ref\""), t.name());
            assertFalse(t.inputSchema().toString().contains("\"oneOf\""), t.name());
        }
    }

    @Test
    void aPlainBookingIsValidAndTheVariantsStayExpressible() throws Exception {
        Schema schema = registry.getSchema(tool("create_a_calcom_booking").inputSchema());
        String attendee =
                "\"attendee\": {\"name\": \"Jane Doe\", \"email\": \"jane@acme.com\", \"timeZone\": \"America/New_York\"}";
        assertValid(schema, "{\"start\": \"2026-10-16T14:00:00Z\", " + attendee + ", \"eventTypeId\": 123}");
        assertValid(
                schema,
                "{\"start\": \"2026-10-16T10:00:00-04:00\", " + attendee + ", \"eventTypeSlug\": \"discovery\", "
                        + "\"username\": \"sam\", \"location\": {\"type\": \"address\"}}");
        assertValid(
                schema,
                "{\"start\": \"2026-10-16T14:00:00Z\", " + attendee + ", \"eventTypeId\": 1, \"instant\": true}");
        assertValid(
                schema,
                "{\"start\": \"2026-10-16T14:00:00Z\", " + attendee + ", \"eventTypeId\": 1, \"recurrenceCount\": 3}");
        assertFalse(
                schema.validate(JSON.readTree("{\"start\": \"2026-10-16T14:00:00Z\", \"eventTypeId\": 1}"))
                        .isEmpty(),
                "a booking without an attendee is rejected");
        assertFalse(
                schema.validate(JSON.readTree(
                                "{\"start\": \"2026-10-16T14:00:00Z\", " + attendee + ", \"Authorization\": \"x\"}"))
                        .isEmpty(),
                "unknown arguments are rejected");
    }

    @Test
    void annotationsAreExplicitAndFollowTheMethod() {
        for (ToolDescriptor t : model.tools()) {
            ToolHints h = t.hints();
            if (t.name().startsWith("list_all_") || t.name().startsWith("get_single_")) {
                assertTrue(h.readOnly() && !h.destructive(), t.name());
            }
            if (t.name().startsWith("delete_a_")) {
                assertTrue(!h.readOnly() && h.destructive(), t.name());
            }
        }
    }

    @Test
    void timestampsAskForAnOffset() {
        JsonNode start = tool("create_a_calcom_booking").inputSchema().at("/properties/start/description");
        assertTrue(start.asText().contains("explicit UTC offset"), start.asText());
        JsonNode afterStart = tool("list_all_calcom_bookings").inputSchema().at("/properties/afterStart/description");
        assertTrue(afterStart.asText().contains("explicit UTC offset"), afterStart.asText());
        JsonNode slotStart =
                tool("list_all_calcom_available_slots").inputSchema().at("/properties/start/description");
        assertTrue(slotStart.asText().contains("Either an ISO 8601 date"), slotStart.asText());
    }

    @Test
    void descriptionsCarryNoMarkup() {
        for (ToolDescriptor t : model.tools()) {
            assertFalse(
                    t.description().matches("(?s).*</?(Note|Warning|Info|Tip|br|p|a)\\b.*"),
                    t.name() + ": " + t.description());
            assertTrue(t.description().length() <= 1200, t.name());
        }
    }

    @Test
    void theReferenceSpecsEighteenDeprecatedPlatformOperationsAreNotExposed() throws Exception {
        ToolModel reference =
                new Codegen().model(referenceDir().resolve("openapi.json").toString(), RULES);
        long deprecated = reference.excluded().values().stream()
                .filter(r -> r.startsWith("deprecated"))
                .count();
        assertEquals(18, deprecated);
    }

    static Path referenceDir() {
        return Path.of(System.getProperty("calcom.reference.dir", "../../shared/calcom-openapi"));
    }

    @Test
    void theSpecOfTheDayBeforeAlsoBuildsWithTheSameRules() throws Exception {
        // Always the reference copy's history, whatever spec the build was pointed at.
        Path history = referenceDir().resolve("history/openapi-2026-03-10.json");
        ToolModel older = new Codegen().model(history.toString(), RULES);
        Set<String> names = new HashSet<>();
        older.tools().forEach(t -> names.add(t.name()));
        assertTrue(
                names.containsAll(REQUIRED.keySet()),
                "missing: "
                        + REQUIRED.keySet().stream()
                                .filter(n -> !names.contains(n))
                                .toList());
    }

    @Test
    void theListToolsThatPageDoSoWithLimitAndNextCursorInsteadOfTakeAndSkip() {
        Map<String, Optional<String>> paged = new TreeMap<>();
        for (ToolDescriptor t : model.tools()) {
            t.paging().ifPresent(p -> paged.put(t.name(), p.paging().hasMorePointer()));
        }
        assertEquals(
                Map.of(
                        "list_all_calcom_bookings", Optional.of("/pagination/hasNextPage"),
                        "list_all_calcom_team_bookings", Optional.of("/pagination/hasNextPage"),
                        "list_all_calcom_schedule", Optional.empty(),
                        "list_all_calcom_team_memberships", Optional.empty(),
                        "list_all_calcom_team_schedules", Optional.empty()),
                paged,
                "every operation with take and skip; has-more only where the answer says it");
        for (String name : paged.keySet()) {
            ToolDescriptor t = tool(name);
            JsonNode properties = t.inputSchema().get("properties");
            assertFalse(properties.has("take") || properties.has("skip"), name);
            assertEquals(250, properties.at("/limit/maximum").asInt(), name);
            assertEquals(100, properties.at("/limit/default").asInt(), name);
            assertTrue(properties.has("next_cursor"), name);
            assertEquals("/data", t.paging().get().paging().recordsPointer(), name);
            assertEquals("take", t.paging().get().limitParameter().wireName(), name);
            assertEquals("skip", t.paging().get().offsetParameter().wireName(), name);
        }
        assertTrue(tool("list_all_calcom_event_types").paging().isEmpty(), "no take and skip, no paging");
    }

    @Test
    void searchAndFetchReadBookingsAndEventTypesThroughTheirReadTools() {
        SearchProfile search = model.profile().search();
        assertEquals(
                List.of("booking", "event_type"),
                search.sources().stream().map(SearchSource::name).toList());
        SearchSource bookings = search.source("booking").orElseThrow();
        assertEquals("list_all_calcom_bookings", bookings.listTool());
        assertEquals(Map.of("sortStart", "desc"), bookings.listArguments());
        assertEquals("get_single_calcom_booking_by_id", bookings.getTool());
        assertEquals("bookingUid", bookings.getArgument());
        assertEquals("/data", bookings.recordsPointer(), "the list's records, at server.records");
        assertEquals("/data", bookings.recordPointer(), "the get's record, at server.records");
        assertEquals("/uid", bookings.idPointer());
        assertEquals("https://app.cal.com/booking/{uid}", bookings.url().text());
        SearchSource eventTypes = search.source("event_type").orElseThrow();
        assertEquals(Map.of("sortCreatedAt", "desc"), eventTypes.listArguments());
        assertEquals("eventTypeId", eventTypes.getArgument());
        assertEquals(20, search.maxResults());
        for (SearchSource source : search.sources()) {
            for (String name : List.of(source.listTool(), source.getTool())) {
                assertTrue(tool(name).hints().readOnly(), name);
            }
            assertTrue(
                    tool(source.getTool()).arguments().stream()
                            .filter(ArgumentDescriptor::required)
                            .allMatch(a -> a.name().equals(source.getArgument())),
                    source.getTool() + " needs only the id");
        }
        // Every pointer was found in the spec's answer schemas: no warning names the search section.
        assertEquals(
                List.of(),
                model.warnings().stream()
                        .filter(w -> w.message().startsWith("search source"))
                        .toList());
    }

    @Test
    void theKeyCheckIsOneReadWithoutArguments() {
        assertEquals(Optional.of("get_calcom_me"), model.profile().keyCheckTool());
        ToolDescriptor me = tool("get_calcom_me");
        assertEquals("GET", me.method());
        assertEquals("/v2/me", me.path());
        assertTrue(me.hints().readOnly());
        assertTrue(me.arguments().stream().noneMatch(ArgumentDescriptor::required));
    }

    @Test
    void timeZonesAreDecidedByNameAtTheTopLevelAndNested() {
        assertEquals(
                ValueKind.TIME_ZONE,
                argument("create_a_calcom_schedule", "timeZone").kind());
        assertEquals(
                ValueKind.TIME_ZONE,
                argument("create_a_calcom_booking", "attendee").nestedKinds().get("/timeZone"));
        assertEquals(
                ValueKind.TIME_ZONE,
                argument("add_calcom_booking_guests_by_id", "guests")
                        .nestedKinds()
                        .get("/*/timeZone"));
        assertEquals(
                ValueKind.TIME_ZONE,
                argument("list_all_calcom_busy_times", "loggedInUsersTz").kind());
        assertTrue(
                tool("create_a_calcom_booking")
                        .inputSchema()
                        .at("/properties/attendee/properties/timeZone/description")
                        .asText()
                        .contains("IANA time zone id"),
                "the model is told the form");
    }

    @Test
    void proseThatDemandsUtcOrTheVersionHeaderIsGone() {
        String slotsStart = tool("list_all_calcom_available_slots")
                .inputSchema()
                .at("/properties/start/description")
                .asText();
        assertFalse(slotsStart.contains("Must be in UTC"), slotsStart);
        String bookingStart = tool("create_a_calcom_booking")
                .inputSchema()
                .at("/properties/start/description")
                .asText();
        assertTrue(bookingStart.startsWith("The start time of the booking in ISO 8601 format."), bookingStart);
        for (ToolDescriptor t : model.tools()) {
            assertFalse(t.description().contains("cal-api-version"), t.name() + ": " + t.description());
        }
    }

    @Test
    void aBookingFieldsKindIsAConstSoAnUnknownOneIsRefused() {
        JsonNode variants =
                tool("create_a_calcom_event_type").inputSchema().at("/properties/bookingFields/items/anyOf");
        assertEquals(19, variants.size());
        assertEquals("phone", variants.get(7).at("/properties/type/const").asText());
        assertEquals("title", variants.get(2).at("/properties/slug/const").asText());
    }

    private static ArgumentDescriptor argument(String toolName, String argument) {
        return tool(toolName).arguments().stream()
                .filter(a -> a.name().equals(argument))
                .findFirst()
                .orElseThrow(() -> new AssertionError(toolName + " has no argument " + argument));
    }

    private static void assertValid(Schema schema, String json) throws Exception {
        assertEquals(List.of(), schema.validate(JSON.readTree(json)), json);
    }
}
