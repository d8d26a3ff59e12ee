package io.calcommcp.server.testing;

import static io.calcommcp.toolapi.Hint.DESTRUCTIVE;
import static io.calcommcp.toolapi.Hint.IDEMPOTENT;
import static io.calcommcp.toolapi.Hint.OPEN_WORLD;
import static io.calcommcp.toolapi.Hint.READ_ONLY;
import static io.calcommcp.toolapi.Requirement.REQUIRED;
import static io.calcommcp.toolapi.RouteArgument.body;
import static io.calcommcp.toolapi.RouteArgument.path;
import static io.calcommcp.toolapi.RouteArgument.query;
import static io.calcommcp.toolapi.ValueKind.TIMESTAMP;
import static io.calcommcp.toolapi.ValueKind.TIME_ZONE;

import io.calcommcp.toolapi.Access;
import io.calcommcp.toolapi.CredentialScheme;
import io.calcommcp.toolapi.Paging;
import io.calcommcp.toolapi.Route;
import io.calcommcp.toolapi.ToolCatalog;
import io.calcommcp.toolapi.ToolDefinition;
import io.calcommcp.toolapi.VendorProfile;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The runtime's own test catalog: a handful of hand-written tools for Tempo, an imaginary booking
 * API, and its profile, with the shapes the runtime's tests need and little more: paged lists
 * ({@code take}/{@code skip}, records at {@code /data}, a has-more flag), a list that does not
 * page, gets by id, a create with a body (a timestamp, a time zone nested in an object, a {@code
 * oneOf}), a custom write verb, an update and a delete, and a verb whose tools read and write. Its
 * error bodies and rate-limit headers look like those of many REST APIs, so that the tests of error
 * mapping have something to map.
 *
 * <p>Registered as the {@link ToolCatalog} service of the runtime's tests ({@code
 * META-INF/services}), so that {@link io.calcommcp.server.ServerAssembly#loadCatalog()} finds it as
 * it finds a generated one; the test jar other modules share leaves that registration out.
 */
public final class TempoCatalog implements ToolCatalog {

    /** The schema of a tool whose one argument, required, is the id of what it reads or changes. */
    private static final String ONE_ID = """
            {"type": "object", "properties": {"%s": {"type": "%s"}}, "required": ["%1$s"],
              "additionalProperties": false}""";

    private static final String NO_ARGUMENTS = """
            {"type": "object", "properties": {}, "additionalProperties": false}""";

    private static final String PAGE = """
            "limit": {"type": "integer", "minimum": 1, "maximum": 250, "default": 100,
              "description": "How many records to return."},
            "next_cursor": {"type": "string", "minLength": 1,
              "description": "The next_cursor of the previous page, to continue after it."}""";

    private static final String STATUS = """
            "status": {"type": "array", "items": {"type": "string",
              "enum": ["upcoming", "recurring", "past", "cancelled", "unconfirmed"]},
              "description": "Only bookings with these statuses."}""";

    private static final Paging TAKE_SKIP = Paging.offset("take", "skip")
            .records("/data")
            .hasMore("/pagination/hasNextPage")
            .limits(100, 250);

    /** How the server talks to Tempo. */
    private static final VendorProfile PROFILE = VendorProfile.builder("Tempo")
            .toolWord("tempo")
            .serverName("tempo-mcp")
            .environmentPrefix("TEMPO")
            .defaultBaseUrl("https://api.tempo.example")
            .credential(CredentialScheme.bearer())
            .credentialHelp("Create an API key in Tempo: Settings -> API keys.")
            .keyCheck("get_tempo_me")
            .errorMessages("/error/message", "/message", "/error")
            .errorCodes("/error/code", "/error")
            .errorDetails("/error/details")
            .rateLimitHeaders("ratelimit-", "x-ratelimit-")
            .records("/data")
            .instructions("This server manages one Tempo account: bookings, event types, schedules and teams.")
            .build();

    /** Every tool, sorted by name. */
    public static final List<ToolDefinition> TOOLS = Stream.of(
                    read("list_all_tempo_bookings", "list", "bookings")
                            .description("Lists the bookings, newest first; page with limit and next_cursor.")
                            .inputSchema("""
                                    {"type": "object", "properties": {
                                    %s,
                                    "attendeeEmail": {"type": "string", "description": "Only bookings of this attendee."},
                                    "afterStart": {"type": "string", "format": "date-time",
                                      "description": "Only bookings that start after this time."},
                                    "beforeEnd": {"type": "string", "format": "date-time",
                                      "description": "Only bookings that end before this time."},
                                    %s},
                                    "additionalProperties": false}""".formatted(STATUS, PAGE))
                            .route(bookingsRoute(Route.get("/v1/bookings"))
                                    .arguments(
                                            query("status"),
                                            query("attendeeEmail"),
                                            query("afterStart", TIMESTAMP),
                                            query("beforeEnd", TIMESTAMP),
                                            query("take"),
                                            query("skip"))
                                    .paging(TAKE_SKIP)),
                    read("list_all_tempo_team_bookings", "list", "bookings", "teams")
                            .description("Lists the bookings of one team; page with limit and next_cursor.")
                            .inputSchema("""
                                    {"type": "object", "properties": {
                                    "teamId": {"type": "integer", "description": "The team's id."},
                                    %s,
                                    %s}, "required": ["teamId"], "additionalProperties": false}""".formatted(STATUS, PAGE))
                            .route(bookingsRoute(Route.get("/v1/teams/{teamId}/bookings"))
                                    .arguments(path("teamId"), query("status"), query("take"), query("skip"))
                                    .paging(TAKE_SKIP)),
                    read("get_single_tempo_booking_by_id", "get", "bookings")
                            .description("Gets one booking by its uid.")
                            .inputSchema(ONE_ID.formatted("bookingUid", "string"))
                            .route(bookingsRoute(Route.get("/v1/bookings/{bookingUid}"))
                                    .arguments(path("bookingUid"))),
                    write("create_a_tempo_booking", "create", "bookings")
                            .description("Books a meeting: a start time, an event type and the attendee.")
                            .inputSchema("""
                                    {"type": "object", "properties": {
                                    "start": {"type": "string", "format": "date-time", "description": "When it starts."},
                                    "eventTypeId": {"type": "integer", "description": "The event type to book."},
                                    "attendee": {"type": "object", "properties": {
                                        "name": {"type": "string"},
                                        "email": {"type": "string"},
                                        "timeZone": {"type": "string", "description": "The attendee's time zone."}},
                                      "required": ["name", "email", "timeZone"]},
                                    "location": {"description": "Where the meeting takes place.", "oneOf": [
                                      {"type": "object", "properties": {"type": {"const": "address"},
                                        "address": {"type": "string"}}, "required": ["type", "address"]},
                                      {"type": "object", "properties": {"type": {"const": "link"},
                                        "link": {"type": "string"}}, "required": ["type", "link"]}]}},
                                    "required": ["start", "attendee"], "additionalProperties": false}""")
                            .route(bookingsRoute(Route.post("/v1/bookings"))
                                    .arguments(
                                            body("start", TIMESTAMP, REQUIRED),
                                            body("eventTypeId"),
                                            body("attendee", REQUIRED).nested("/timeZone", TIME_ZONE),
                                            body("location"))),
                    write("cancel_tempo_booking_by_id", "cancel", "bookings")
                            .description("Cancels one booking by its uid.")
                            .hints(DESTRUCTIVE, OPEN_WORLD)
                            .inputSchema("""
                                    {"type": "object", "properties": {
                                    "bookingUid": {"type": "string"},
                                    "cancellationReason": {"type": "string"}},
                                    "required": ["bookingUid"], "additionalProperties": false}""")
                            .route(bookingsRoute(Route.post("/v1/bookings/{bookingUid}/cancel"))
                                    .arguments(path("bookingUid"), body("cancellationReason"))),
                    read("list_all_tempo_event_types", "list", "event-types")
                            .description("Lists the event types, all at once.")
                            .inputSchema(NO_ARGUMENTS)
                            .route(Route.get("/v1/event-types")),
                    read("get_single_tempo_event_type_by_id", "get", "event-types")
                            .description("Gets one event type by its id.")
                            .inputSchema(ONE_ID.formatted("eventTypeId", "integer"))
                            .route(Route.get("/v1/event-types/{eventTypeId}").arguments(path("eventTypeId"))),
                    read("list_all_tempo_schedules", "list", "schedules")
                            .description("Lists the availability schedules.")
                            .inputSchema(NO_ARGUMENTS)
                            .route(Route.get("/v1/schedules")),
                    write("update_a_tempo_schedule_by_id", "update", "schedules")
                            .description("Renames a schedule or changes its time zone.")
                            .hints(IDEMPOTENT, OPEN_WORLD)
                            .inputSchema("""
                                    {"type": "object", "properties": {
                                    "scheduleId": {"type": "integer"},
                                    "name": {"type": "string"},
                                    "timeZone": {"type": "string"}},
                                    "required": ["scheduleId"], "additionalProperties": false}""")
                            .route(Route.patch("/v1/schedules/{scheduleId}")
                                    .arguments(path("scheduleId"), body("name"), body("timeZone", TIME_ZONE))),
                    write("delete_a_tempo_schedule_by_id", "delete", "schedules")
                            .description("Deletes a schedule.")
                            .hints(DESTRUCTIVE, IDEMPOTENT, OPEN_WORLD)
                            .inputSchema(ONE_ID.formatted("scheduleId", "integer"))
                            .route(Route.delete("/v1/schedules/{scheduleId}").arguments(path("scheduleId"))),
                    write("create_a_tempo_team", "create", "teams")
                            .description("Creates a team.")
                            .inputSchema("{\"type\": \"object\", \"properties\": {\"name\": {\"type\": \"string\"}},"
                                    + " \"required\": [\"name\"], \"additionalProperties\": false}")
                            .route(Route.post("/v1/teams").arguments(body("name", REQUIRED))),
                    read("get_tempo_me", "get", "me")
                            .description("Gets the account the API key belongs to.")
                            .inputSchema(NO_ARGUMENTS)
                            .route(Route.get("/v1/me")),
                    read("check_tempo_calendar_connection", "check", "calendars")
                            .description("Checks that a connected calendar still answers.")
                            .inputSchema(ONE_ID.formatted("calendar", "string"))
                            .route(Route.get("/v1/calendars/{calendar}/check").arguments(path("calendar"))),
                    // "connect" reads (the URL a person opens) and writes (an app connected at once).
                    read("get_tempo_calendar_connect_url", "connect", "calendars")
                            .description("Gets the URL at which a person connects a calendar.")
                            .inputSchema(ONE_ID.formatted("calendar", "string"))
                            .route(Route.get("/v1/calendars/{calendar}/connect").arguments(path("calendar"))),
                    write("connect_tempo_conferencing_app", "connect", "conferencing")
                            .description("Connects a conferencing app.")
                            .inputSchema(ONE_ID.formatted("app", "string"))
                            .route(Route.post("/v1/conferencing/{app}/connect").arguments(path("app"))))
            .map(ToolDefinition.Builder::build)
            .sorted(Comparator.comparing(ToolDefinition::name))
            .toList();

    @Override
    public VendorProfile profile() {
        return PROFILE;
    }

    @Override
    public List<ToolDefinition> tools() {
        return TOOLS;
    }

    /** The booking routes carry the API version Tempo expects, as a constant header. */
    private static Route bookingsRoute(Route route) {
        return route.header("tempo-api-version", "2026-01-01");
    }

    private static ToolDefinition.Builder read(String name, String verb, String... tags) {
        return tool(name, verb, Access.READ, tags).hints(READ_ONLY, IDEMPOTENT, OPEN_WORLD);
    }

    private static ToolDefinition.Builder write(String name, String verb, String... tags) {
        return tool(name, verb, Access.WRITE, tags).hints(OPEN_WORLD);
    }

    private static ToolDefinition.Builder tool(String name, String verb, Access access, String... tags) {
        return ToolDefinition.builder(name)
                .title(name.replace('_', ' '))
                .operation(name)
                .verb(verb)
                .access(access)
                .tags(tags);
    }
}
