package io.calcommcp.server.tools;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * TEMPORARY hand-written stand-in for the catalog that mcp-codegen-maven-plugin generates, so
 * the runtime can be built and tested before the generator lands. Drop this whole commit when
 * merging the generator.
 */
public final class ToolCatalog {

    private static final List<ToolDefinition> ALL = List.of(
                    listBookings(),
                    getBooking(),
                    createBooking(),
                    getEventType(),
                    listEventTypes(),
                    deleteEventType(),
                    createTeam(),
                    createTeamEventType())
            .stream()
            .sorted(Comparator.comparing(ToolDefinition::name))
            .toList();

    private ToolCatalog() {}

    /** Every tool, sorted by name. */
    public static List<ToolDefinition> all() {
        return ALL;
    }

    private static ToolHints read() {
        return new ToolHints(true, false, true, true);
    }

    private static ToolDefinition listBookings() {
        return new ToolDefinition(
                "list_all_calcom_bookings",
                "List bookings",
                "Get all bookings in Cal.com. Filter by status, attendee, and start/end window.",
                "BookingsController_2024_08_13_getBookings",
                ToolAccess.READ,
                List.of("Bookings"),
                read(),
                """
                {"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object","additionalProperties":false,
                 "properties":{
                  "status":{"type":"array","items":{"type":"string","enum":["upcoming","recurring","past","cancelled","unconfirmed"]},"description":"Filter bookings by status."},
                  "attendeeEmail":{"type":"string","description":"Filter bookings by the attendee's email address."},
                  "afterStart":{"type":"string","description":"Bookings starting after this time, e.g. 2025-03-07T10:00:00.000Z"},
                  "beforeEnd":{"type":"string","description":"Bookings ending before this time, e.g. 2025-03-07T11:00:00.000Z"},
                  "take":{"type":"number","description":"The number of items to return","default":100},
                  "skip":{"type":"number","description":"The number of items to skip","default":0}
                 }}
                """,
                new Route(
                        "GET",
                        "/v2/bookings",
                        Map.of("cal-api-version", "2024-08-13"),
                        List.of(
                                new RouteArgument("status", ArgumentLocation.QUERY, "status", ValueKind.PLAIN, false, true),
                                new RouteArgument("attendeeEmail", ArgumentLocation.QUERY, "attendeeEmail", ValueKind.PLAIN, false, true),
                                new RouteArgument("afterStart", ArgumentLocation.QUERY, "afterStart", ValueKind.TIMESTAMP, false, true),
                                new RouteArgument("beforeEnd", ArgumentLocation.QUERY, "beforeEnd", ValueKind.TIMESTAMP, false, true),
                                new RouteArgument("take", ArgumentLocation.QUERY, "take", ValueKind.PLAIN, false, true),
                                new RouteArgument("skip", ArgumentLocation.QUERY, "skip", ValueKind.PLAIN, false, true))));
    }

    private static ToolDefinition getBooking() {
        return new ToolDefinition(
                "get_single_calcom_booking_by_id",
                "Get a booking",
                "Get booking details by uid in Cal.com.",
                "BookingsController_2024_08_13_getBooking",
                ToolAccess.READ,
                List.of("Bookings"),
                read(),
                """
                {"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object","additionalProperties":false,
                 "properties":{"bookingUid":{"type":"string","description":"The uid of the booking."}},
                 "required":["bookingUid"]}
                """,
                new Route(
                        "GET",
                        "/v2/bookings/{bookingUid}",
                        Map.of("cal-api-version", "2024-08-13"),
                        List.of(new RouteArgument("bookingUid", ArgumentLocation.PATH, "bookingUid", ValueKind.PLAIN, true, false))));
    }

    private static ToolDefinition createBooking() {
        return new ToolDefinition(
                "create_a_calcom_booking",
                "Create a booking",
                "Create a booking with start time and attendee details in Cal.com using eventTypeId or eventTypeSlug.",
                "BookingsController_2024_08_13_createBooking",
                ToolAccess.WRITE,
                List.of("Bookings"),
                new ToolHints(false, false, false, true),
                """
                {"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object","additionalProperties":false,
                 "properties":{
                  "start":{"type":"string","description":"The start time of the booking in ISO 8601 format, e.g. 2024-08-13T09:00:00Z"},
                  "attendee":{"type":"object","description":"The attendee's details.","properties":{
                     "name":{"type":"string"},"email":{"type":"string"},"timeZone":{"type":"string"},"language":{"type":"string"}},
                     "required":["name","timeZone"]},
                  "eventTypeId":{"type":"number"},
                  "eventTypeSlug":{"type":"string"},
                  "username":{"type":"string"},
                  "teamSlug":{"type":"string"},
                  "lengthInMinutes":{"type":"number"},
                  "metadata":{"type":"object"}
                 },
                 "required":["start","attendee"]}
                """,
                new Route(
                        "POST",
                        "/v2/bookings",
                        Map.of("cal-api-version", "2024-08-13"),
                        List.of(
                                new RouteArgument("start", ArgumentLocation.BODY_PROPERTY, "start", ValueKind.TIMESTAMP, true, false),
                                new RouteArgument("attendee", ArgumentLocation.BODY_PROPERTY, "attendee", ValueKind.PLAIN, true, false),
                                new RouteArgument("eventTypeId", ArgumentLocation.BODY_PROPERTY, "eventTypeId", ValueKind.PLAIN, false, false),
                                new RouteArgument("eventTypeSlug", ArgumentLocation.BODY_PROPERTY, "eventTypeSlug", ValueKind.PLAIN, false, false),
                                new RouteArgument("username", ArgumentLocation.BODY_PROPERTY, "username", ValueKind.PLAIN, false, false),
                                new RouteArgument("teamSlug", ArgumentLocation.BODY_PROPERTY, "teamSlug", ValueKind.PLAIN, false, false),
                                new RouteArgument("lengthInMinutes", ArgumentLocation.BODY_PROPERTY, "lengthInMinutes", ValueKind.PLAIN, false, false),
                                new RouteArgument("metadata", ArgumentLocation.BODY_PROPERTY, "metadata", ValueKind.PLAIN, false, false))));
    }

    private static ToolDefinition getEventType() {
        return new ToolDefinition(
                "get_single_calcom_event_type_by_id",
                "Get an event type",
                "Get event type by id in Cal.com. Returns id, length, title, slug, booking fields and locations.",
                "EventTypesController_2024_06_14_getEventTypeById",
                ToolAccess.READ,
                List.of("Event Types"),
                read(),
                """
                {"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object","additionalProperties":false,
                 "properties":{"eventTypeId":{"type":"string","description":"The id of the event type."}},
                 "required":["eventTypeId"]}
                """,
                new Route(
                        "GET",
                        "/v2/event-types/{eventTypeId}",
                        Map.of("cal-api-version", "2024-06-14"),
                        List.of(new RouteArgument("eventTypeId", ArgumentLocation.PATH, "eventTypeId", ValueKind.PLAIN, true, false))));
    }

    private static ToolDefinition listEventTypes() {
        return new ToolDefinition(
                "list_all_calcom_event_types",
                "List event types",
                "Get all event types in Cal.com. Returns id, title, description, and locations.",
                "EventTypesController_2024_06_14_getEventTypes",
                ToolAccess.READ,
                List.of("Event Types"),
                read(),
                """
                {"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object","additionalProperties":false,
                 "properties":{"username":{"type":"string"},"eventSlug":{"type":"string"},"orgId":{"type":"number"}}}
                """,
                new Route(
                        "GET",
                        "/v2/event-types",
                        Map.of("cal-api-version", "2024-06-14"),
                        List.of(
                                new RouteArgument("username", ArgumentLocation.QUERY, "username", ValueKind.PLAIN, false, true),
                                new RouteArgument("eventSlug", ArgumentLocation.QUERY, "eventSlug", ValueKind.PLAIN, false, true),
                                new RouteArgument("orgId", ArgumentLocation.QUERY, "orgId", ValueKind.PLAIN, false, true))));
    }

    private static ToolDefinition deleteEventType() {
        return new ToolDefinition(
                "delete_a_calcom_event_type_by_id",
                "Delete an event type",
                "Delete an event type by id in Cal.com.",
                "EventTypesController_2024_06_14_deleteEventType",
                ToolAccess.WRITE,
                List.of("Event Types"),
                new ToolHints(false, true, true, true),
                """
                {"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object","additionalProperties":false,
                 "properties":{"eventTypeId":{"type":"number","description":"The id of the event type."}},
                 "required":["eventTypeId"]}
                """,
                new Route(
                        "DELETE",
                        "/v2/event-types/{eventTypeId}",
                        Map.of("cal-api-version", "2024-06-14"),
                        List.of(new RouteArgument("eventTypeId", ArgumentLocation.PATH, "eventTypeId", ValueKind.PLAIN, true, false))));
    }

    private static ToolDefinition createTeam() {
        return new ToolDefinition(
                "create_a_calcom_team",
                "Create a team",
                "Create a team in Cal.com with a required name.",
                "TeamsController_createTeam",
                ToolAccess.WRITE,
                List.of("Teams"),
                new ToolHints(false, false, false, true),
                """
                {"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object","additionalProperties":false,
                 "properties":{"name":{"type":"string","minLength":1},"slug":{"type":"string"},"bio":{"type":"string"},
                  "timeZone":{"type":"string"}},
                 "required":["name"]}
                """,
                new Route(
                        "POST",
                        "/v2/teams",
                        Map.of(),
                        List.of(
                                new RouteArgument("name", ArgumentLocation.BODY_PROPERTY, "name", ValueKind.PLAIN, true, false),
                                new RouteArgument("slug", ArgumentLocation.BODY_PROPERTY, "slug", ValueKind.PLAIN, false, false),
                                new RouteArgument("bio", ArgumentLocation.BODY_PROPERTY, "bio", ValueKind.PLAIN, false, false),
                                new RouteArgument("timeZone", ArgumentLocation.BODY_PROPERTY, "timeZone", ValueKind.PLAIN, false, false))));
    }

    private static ToolDefinition createTeamEventType() {
        return new ToolDefinition(
                "create_a_calcom_team_event_type",
                "Create a team event type",
                "Create an event type for a team in Cal.com.",
                "TeamsEventTypesController_createTeamEventType",
                ToolAccess.WRITE,
                List.of("Teams / Event Types"),
                new ToolHints(false, false, false, true),
                """
                {"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object","additionalProperties":false,
                 "properties":{"teamId":{"type":"number"},"lengthInMinutes":{"type":"number"},"title":{"type":"string"},
                  "slug":{"type":"string"},"schedulingType":{"type":"string","enum":["collective","roundRobin","managed"]},
                  "assignAllTeamMembers":{"type":"boolean"}},
                 "required":["teamId","lengthInMinutes","title","slug","schedulingType"]}
                """,
                new Route(
                        "POST",
                        "/v2/teams/{teamId}/event-types",
                        Map.of(),
                        List.of(
                                new RouteArgument("teamId", ArgumentLocation.PATH, "teamId", ValueKind.PLAIN, true, false),
                                new RouteArgument("lengthInMinutes", ArgumentLocation.BODY_PROPERTY, "lengthInMinutes", ValueKind.PLAIN, true, false),
                                new RouteArgument("title", ArgumentLocation.BODY_PROPERTY, "title", ValueKind.PLAIN, true, false),
                                new RouteArgument("slug", ArgumentLocation.BODY_PROPERTY, "slug", ValueKind.PLAIN, true, false),
                                new RouteArgument("schedulingType", ArgumentLocation.BODY_PROPERTY, "schedulingType", ValueKind.PLAIN, true, false),
                                new RouteArgument("assignAllTeamMembers", ArgumentLocation.BODY_PROPERTY, "assignAllTeamMembers", ValueKind.PLAIN, false, false))));
    }
}
