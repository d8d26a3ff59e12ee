package io.calcommcp.codegen.surface;

import static io.calcommcp.codegen.surface.TestTools.describe;
import static io.calcommcp.codegen.surface.TestTools.schemaDiff;
import static io.calcommcp.codegen.surface.TestTools.surface;
import static io.calcommcp.codegen.surface.TestTools.tool;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.calcommcp.toolapi.Access;
import io.calcommcp.toolapi.Paging;
import java.util.List;
import org.junit.jupiter.api.Test;

class SurfaceDiffTest {

    private static List<String> diff(ToolSurface locked, ToolSurface current) {
        return describe(SurfaceDiff.between(locked, current));
    }

    // --- tools ------------------------------------------------------------------------------

    @Test
    void identicalSurfacesHaveNoChanges() {
        ToolSurface surface =
                surface(tool("a"), tool("b").schema("{'type':'object','properties':{'x':{'type':'string'}}}"));
        assertEquals(List.of(), diff(surface, surface));
    }

    @Test
    void keyOrderAndExampleOnlyChangesAreIgnored() {
        ToolSurface locked = surface(tool("t")
                .schema("{'type':'object','example':{'x':'a'},'properties':{"
                        + "'x':{'type':'string','example':'a','examples':['a']},"
                        + "'y':{'type':'object','properties':{'example':{'type':'string'}}}}}"));
        ToolSurface current = surface(tool("t")
                .schema("{'properties':{"
                        + "'y':{'properties':{'example':{'type':'string'}},'type':'object'},"
                        + "'x':{'example':'b','type':'string'}},'type':'object'}"));
        assertEquals(List.of(), diff(locked, current));
    }

    @Test
    void aPropertyNamedExampleIsAnArgumentNotAnExample() {
        assertEquals(
                List.of("BREAKING ARGUMENT_REMOVED t [example]: argument `example` removed"),
                schemaDiff(
                        "{'type':'object','properties':{'example':{'type':'string'}}}",
                        "{'type':'object','properties':{}}"));
    }

    @Test
    void addedToolIsCompatibleAndRemovedToolIsBreaking() {
        assertEquals(
                List.of(
                        "compatible TOOL_ADDED b: tool added (`GET /v2/b`)",
                        "BREAKING TOOL_REMOVED c: tool removed (was `GET /v2/c`)"),
                diff(surface(tool("a"), tool("c")), surface(tool("a"), tool("b"))));
    }

    @Test
    void sameOperationUnderANewNameIsABreakingRenameAndStillComparesArguments() {
        ToolSurface locked = surface(tool("list_all_calcom_schedule")
                .operation("SchedulesController_getSchedules")
                .path("/v2/schedules"));
        ToolSurface current = surface(tool("list_all_calcom_schedules")
                .operation("SchedulesController_getSchedules")
                .path("/v2/schedules")
                .schema("{'type':'object','properties':{'take':{'type':'integer'}}}"));
        assertEquals(
                List.of(
                        "BREAKING TOOL_RENAMED list_all_calcom_schedules: "
                                + "renamed from list_all_calcom_schedule to list_all_calcom_schedules",
                        "compatible ARGUMENT_ADDED list_all_calcom_schedules [take]: argument `take` added (optional)"),
                diff(locked, current));
    }

    @Test
    void aRenameNeedsTheSameOperationAndNothingElseCallsIt() {
        // The generator makes one tool per operation, and a surface holds that: a rename can never
        // be ambiguous. A new tool on another operation is an addition, not a rename.
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> surface(tool("new1").operation("Op"), tool("new2").operation("Op")));
        assertEquals("duplicate operation: Op", e.getMessage());
        assertEquals(
                List.of(
                        "compatible TOOL_ADDED new: tool added (`GET /v2/new`)",
                        "BREAKING TOOL_REMOVED old: tool removed (was `GET /v2/old`)"),
                diff(surface(tool("old").operation("Op")), surface(tool("new").operation("Other"))));
    }

    @Test
    void operationAndEndpointChangesAreCompatible() {
        assertEquals(
                List.of(
                        "compatible OPERATION_CHANGED t: operation changed from `Op_v1` to `Op_v2`",
                        "compatible ENDPOINT_CHANGED t: endpoint changed from `GET /v2/t` to `POST /v2/t/search`"),
                diff(
                        surface(tool("t").operation("Op_v1")),
                        surface(tool("t").operation("Op_v2").method("POST").path("/v2/t/search"))));
    }

    @Test
    void readToWriteIsBreakingForReadOnlyUrls() {
        assertEquals(
                List.of("BREAKING ACCESS_CHANGED t: access changed from read to write "
                        + "(breaking for read-only scoped URLs: the tool is no longer on them)"),
                diff(surface(tool("t").access(Access.READ)), surface(tool("t").access(Access.WRITE))));
    }

    @Test
    void writeToReadIsCompatible() {
        assertEquals(
                List.of("compatible ACCESS_CHANGED t: access changed from write to read "
                        + "(the tool now also appears on read-only scoped URLs)"),
                diff(surface(tool("t").access(Access.WRITE)), surface(tool("t").access(Access.READ))));
    }

    @Test
    void anotherVerbIsBreakingForUrlsScopedToTheOldOne() {
        assertEquals(
                List.of("BREAKING VERB_CHANGED t: verb changed from `cancel` to `update` "
                        + "(breaking for URLs scoped to the method `cancel`: the tool is no longer on them)"),
                diff(surface(tool("t").verb("cancel")), surface(tool("t").verb("update"))));
    }

    private static TestTools.Tool paged(Paging paging) {
        return tool("t")
                .schema("{'type':'object','properties':{'limit':{'type':'integer'},'next_cursor':{'type':'string'}}}")
                .route("limit", "paging")
                .route("next_cursor", "paging")
                .paging(paging);
    }

    @Test
    void aPagingChangeIsReportedAndItsRemovalIsBreaking() {
        Paging bookings = Paging.offset("take", "skip")
                .records("/data")
                .hasMore("/pagination/hasNextPage")
                .limits(100, 250);
        assertEquals(
                List.of("compatible PAGING_CHANGED t: paging changed from offset paging with `take`/`skip`, records at"
                        + " `/data`, end at `/pagination/hasNextPage`, pages of 100 (up to 250) to offset paging with"
                        + " `take`/`skip`, records at `/data`, end at the first page that is not full, pages of 100"
                        + " (up to 250)"),
                diff(
                        surface(paged(bookings)),
                        surface(paged(
                                Paging.offset("take", "skip").records("/data").limits(100, 250)))));
        List<String> removed =
                diff(surface(paged(bookings)), surface(tool("t").schema("{'type':'object','properties':{}}")));
        assertTrue(
                removed.contains("BREAKING PAGING_CHANGED t: paging removed (was offset paging with `take`/`skip`,"
                        + " records at `/data`, end at `/pagination/hasNextPage`, pages of 100 (up to 250); breaking:"
                        + " limit and next_cursor are gone)"),
                removed.toString());
        List<String> added =
                diff(surface(tool("t").schema("{'type':'object','properties':{}}")), surface(paged(bookings)));
        assertTrue(
                added.stream().anyMatch(c -> c.startsWith("compatible PAGING_CHANGED t: paging added: offset paging")),
                added.toString());
    }

    @Test
    void removedTagIsBreakingAndAddedTagIsCompatible() {
        assertEquals(
                List.of(
                        "BREAKING TAGS_CHANGED a: tags changed from [`bookings`, `teams`] to [`bookings`] "
                                + "(breaking for URLs scoped to [`teams`]: the tool is no longer on them)",
                        "compatible TAGS_CHANGED b: tags changed from [`bookings`] to [`bookings`, `teams`]"),
                diff(
                        surface(tool("a").tags("teams", "bookings"), tool("b").tags("bookings")),
                        surface(tool("a").tags("bookings"), tool("b").tags("bookings", "teams"))));
    }

    // --- annotations (MCP hints) ---------------------------------------------------------------

    /** The annotation changes of one tool whose hints go from {@code before} to {@code after}. */
    private static List<String> hintDiff(boolean[] before, boolean[] after) {
        return diff(
                surface(tool("t").annotations(before[0], before[1], before[2], before[3])),
                surface(tool("t").annotations(after[0], after[1], after[2], after[3])));
    }

    /** readOnly, destructive, idempotent, openWorld. */
    private static boolean[] hints(boolean... values) {
        return values;
    }

    @Test
    void readOnlyTrueToFalseIsBreaking() {
        assertEquals(
                List.of("BREAKING ANNOTATION_HINT_CHANGED t: annotation readOnlyHint changed from true to false"),
                hintDiff(hints(true, false, true, true), hints(false, false, true, true)));
    }

    @Test
    void readOnlyFalseToTrueIsCompatible() {
        assertEquals(
                List.of("compatible ANNOTATION_HINT_CHANGED t: annotation readOnlyHint changed from false to true"),
                hintDiff(hints(false, false, true, true), hints(true, false, true, true)));
    }

    @Test
    void destructiveFalseToTrueIsBreaking() {
        assertEquals(
                List.of("BREAKING ANNOTATION_HINT_CHANGED t: annotation destructiveHint changed from false to true"),
                hintDiff(hints(false, false, false, true), hints(false, true, false, true)));
    }

    @Test
    void destructiveTrueToFalseIsCompatible() {
        assertEquals(
                List.of("compatible ANNOTATION_HINT_CHANGED t: annotation destructiveHint changed from true to false"),
                hintDiff(hints(false, true, false, true), hints(false, false, false, true)));
    }

    @Test
    void idempotentAndOpenWorldFlipsAreCompatibleEitherWay() {
        assertEquals(
                List.of(
                        "compatible ANNOTATION_HINT_CHANGED t: annotation idempotentHint changed from false to true",
                        "compatible ANNOTATION_HINT_CHANGED t: annotation openWorldHint changed from true to false"),
                hintDiff(hints(false, false, false, true), hints(false, false, true, false)));
        assertEquals(
                List.of(
                        "compatible ANNOTATION_HINT_CHANGED t: annotation idempotentHint changed from true to false",
                        "compatible ANNOTATION_HINT_CHANGED t: annotation openWorldHint changed from false to true"),
                hintDiff(hints(false, false, true, false), hints(false, false, false, true)));
    }

    @Test
    void eachFlippedHintIsOneChangeInLockOrderBetweenTagsAndTitle() {
        // A read tool turned into a destructive write: access and two hints change, each reported.
        assertEquals(
                List.of(
                        "BREAKING ACCESS_CHANGED t: access changed from read to write "
                                + "(breaking for read-only scoped URLs: the tool is no longer on them)",
                        "compatible TAGS_CHANGED t: tags changed from [`bookings`] to [`bookings`, `teams`]",
                        "BREAKING ANNOTATION_HINT_CHANGED t: annotation destructiveHint changed from false to true",
                        "BREAKING ANNOTATION_HINT_CHANGED t: annotation readOnlyHint changed from true to false",
                        "compatible TITLE_CHANGED t: title changed from `Title` to `Delete`"),
                diff(
                        surface(tool("t").access(Access.READ).annotations(true, false, true, true)),
                        surface(tool("t")
                                .access(Access.WRITE)
                                .tags("bookings", "teams")
                                .annotations(false, true, true, true)
                                .title("Delete"))));
    }

    @Test
    void unchangedHintsAreNotReported() {
        assertEquals(List.of(), hintDiff(hints(false, true, true, false), hints(false, true, true, false)));
    }

    @Test
    void titleAndDescriptionChangesAreCompatible() {
        assertEquals(
                List.of(
                        "compatible TITLE_CHANGED t: title changed from `List bookings` to `List all bookings`",
                        "compatible DESCRIPTION_CHANGED t: description changed"),
                diff(
                        surface(tool("t").title("List bookings").description("Old.")),
                        surface(tool("t").title("List all bookings").description("New."))));
    }

    // --- constant headers -----------------------------------------------------------------------

    @Test
    void aChangedApiVersionIsBreaking() {
        assertEquals(
                List.of("BREAKING CONSTANT_HEADER_CHANGED t: constant header `cal-api-version` changed from"
                        + " `2024-06-14` to `2024-08-13` (the API may read the request and shape its response"
                        + " differently)"),
                diff(
                        surface(tool("t").headers("cal-api-version", "2024-06-14")),
                        surface(tool("t").headers("cal-api-version", "2024-08-13"))));
    }

    @Test
    void aRemovedHeaderIsBreakingAndAnAddedOneIsCompatible() {
        assertEquals(
                List.of(
                        "BREAKING CONSTANT_HEADER_REMOVED t: constant header `cal-api-version` removed (was"
                                + " `2024-08-13`; the API now treats the request as sent without it)",
                        "compatible CONSTANT_HEADER_ADDED t: constant header `x-cal-feature` added, value `on`"),
                diff(
                        surface(tool("t").headers("cal-api-version", "2024-08-13")),
                        surface(tool("t").headers("x-cal-feature", "on"))));
        assertEquals(
                List.of("compatible CONSTANT_HEADER_ADDED t: constant header `cal-api-version` added, value"
                        + " `2024-08-13`"),
                diff(surface(tool("t")), surface(tool("t").headers("cal-api-version", "2024-08-13"))));
    }

    @Test
    void headerNamesAreCaseInsensitiveSoOnlyAChangedValueBreaks() {
        assertEquals(
                List.of("compatible CONSTANT_HEADER_CHANGED t: constant header `Cal-Api-Version` is now spelled"
                        + " `cal-api-version` (header names are case-insensitive)"),
                diff(
                        surface(tool("t").headers("Cal-Api-Version", "2024-08-13")),
                        surface(tool("t").headers("cal-api-version", "2024-08-13"))));
        assertEquals(
                List.of("BREAKING CONSTANT_HEADER_CHANGED t: constant header `Cal-Api-Version` (now"
                        + " `cal-api-version`) changed from `2024-06-14` to `2024-08-13` (the API may read the"
                        + " request and shape its response differently)"),
                diff(
                        surface(tool("t").headers("Cal-Api-Version", "2024-06-14")),
                        surface(tool("t").headers("cal-api-version", "2024-08-13"))));
    }

    @Test
    void unchangedHeadersAreNotReportedAndHeaderChangesComeBetweenHintsAndTitle() {
        assertEquals(
                List.of(),
                diff(
                        surface(tool("t").headers("a", "1", "b", "2")),
                        surface(tool("t").headers("b", "2", "a", "1"))));
        assertEquals(
                List.of(
                        "compatible ANNOTATION_HINT_CHANGED t: annotation idempotentHint changed from true to false",
                        "BREAKING CONSTANT_HEADER_REMOVED t: constant header `a` removed (was `1`; the API now"
                                + " treats the request as sent without it)",
                        "compatible CONSTANT_HEADER_ADDED t: constant header `B` added, value `2`",
                        "compatible TITLE_CHANGED t: title changed from `Title` to `New`"),
                diff(
                        surface(tool("t").headers("a", "1")),
                        surface(tool("t")
                                .annotations(true, false, false, true)
                                .headers("B", "2")
                                .title("New"))));
    }

    // --- where arguments go in the request -----------------------------------------------------

    private static final String ID_AND_TAKE =
            "{'type':'object','properties':{'id':{'type':'string'}," + "'take':{'type':'integer'}}}";

    @Test
    void anArgumentSentElsewhereIsCompatibleButReported() {
        assertEquals(
                List.of(
                        "compatible ARGUMENT_ROUTE_CHANGED t [id]: argument `id` is now sent as body property `uid`"
                                + " (was path parameter `id`)",
                        "compatible ARGUMENT_ROUTE_CHANGED t [take]: argument `take` is now sent as query parameter"
                                + " `limit` (was query parameter `take`)"),
                diff(
                        surface(tool("t").schema(ID_AND_TAKE).route("id", "path")),
                        surface(tool("t")
                                .schema(ID_AND_TAKE)
                                .route("id", "body:uid")
                                .route("take", "query:limit"))));
        assertEquals(
                List.of("compatible ARGUMENT_ROUTE_CHANGED t [id]: argument `id` is now sent as the whole body (was"
                        + " header `X-Id`)"),
                diff(
                        surface(tool("t").schema(ID_AND_TAKE).route("id", "header:X-Id")),
                        surface(tool("t").schema(ID_AND_TAKE).route("id", "wholeBody"))));
    }

    @Test
    void routesOfAddedAndRemovedArgumentsAreLeftToTheSchemaComparisonWhichComesFirst() {
        ToolSurface locked = surface(tool("t").schema(ID_AND_TAKE).route("id", "path"));
        ToolSurface current = surface(tool("t")
                .schema("{'type':'object','properties':{'id':{'type':'integer'},'skip':{'type':'integer'}}}")
                .route("id", "query")
                .route("skip", "body"));
        assertEquals(
                List.of(
                        "BREAKING TYPE_CHANGED t [id]: argument `id` type changed from string to integer",
                        "compatible ARGUMENT_ADDED t [skip]: argument `skip` added (optional)",
                        "BREAKING ARGUMENT_REMOVED t [take]: argument `take` removed",
                        "compatible ARGUMENT_ROUTE_CHANGED t [id]: argument `id` is now sent as query parameter `id`"
                                + " (was path parameter `id`)"),
                diff(locked, current));
    }

    @Test
    void aRenamedToolComparesItsRequestToo() {
        assertEquals(
                List.of(
                        "BREAKING TOOL_RENAMED new: renamed from old to new",
                        "BREAKING CONSTANT_HEADER_CHANGED new: constant header `cal-api-version` changed from `1` to"
                                + " `2` (the API may read the request and shape its response differently)",
                        "compatible ARGUMENT_ROUTE_CHANGED new [id]: argument `id` is now sent as body property `id`"
                                + " (was query parameter `id`)"),
                diff(
                        surface(tool("old").operation("Op").schema(ID_AND_TAKE).headers("cal-api-version", "1")),
                        surface(tool("new")
                                .operation("Op")
                                .path("/v2/old")
                                .schema(ID_AND_TAKE)
                                .headers("cal-api-version", "2")
                                .route("id", "body"))));
    }

    // --- arguments ----------------------------------------------------------------------------

    private static final String EMPTY = "{'type':'object','properties':{}}";

    @Test
    void addedOptionalArgumentIsCompatible() {
        assertEquals(
                List.of("compatible ARGUMENT_ADDED t [notes]: argument `notes` added (optional)"),
                schemaDiff(EMPTY, "{'type':'object','properties':{'notes':{'type':'string'}}}"));
    }

    @Test
    void addedRequiredArgumentIsBreaking() {
        assertEquals(
                List.of("BREAKING ARGUMENT_ADDED t [eventTypeId]: argument `eventTypeId` added (required)"),
                schemaDiff(
                        EMPTY,
                        "{'type':'object','required':['eventTypeId'],"
                                + "'properties':{'eventTypeId':{'type':'integer'}}}"));
    }

    @Test
    void removedArgumentIsBreaking() {
        assertEquals(
                List.of("BREAKING ARGUMENT_REMOVED t [lengthInMinutes]: argument `lengthInMinutes` removed"),
                schemaDiff("{'type':'object','properties':{'lengthInMinutes':{'type':'integer'}}}", EMPTY));
    }

    @Test
    void argumentBecomingRequiredIsBreakingAndTheReverseIsCompatible() {
        assertEquals(
                List.of(
                        "compatible ARGUMENT_OPTIONAL t [a]: argument `a` is no longer required",
                        "BREAKING ARGUMENT_REQUIRED t [b]: argument `b` is now required"),
                schemaDiff(
                        "{'type':'object','required':['a'],'properties':{'a':{},'b':{}}}",
                        "{'type':'object','required':['b'],'properties':{'a':{},'b':{}}}"));
    }

    @Test
    void changedTypeIsBreakingAndWidenedTypeIsCompatible() {
        assertEquals(
                List.of(
                        "BREAKING TYPE_CHANGED t [a]: argument `a` type changed from string to integer",
                        "compatible TYPE_CHANGED t [b]: argument `b` type widened from string to [null, string]",
                        "compatible TYPE_CHANGED t [c]: argument `c` type widened from integer to number",
                        "BREAKING TYPE_CHANGED t [d]: argument `d` type changed from [null, string] to string",
                        "BREAKING TYPE_CHANGED t [e]: argument `e` type changed from any to string"),
                schemaDiff(
                        "{'type':'object','properties':{'a':{'type':'string'},'b':{'type':'string'},"
                                + "'c':{'type':'integer'},'d':{'type':['string','null']},'e':{}}}",
                        "{'type':'object','properties':{'a':{'type':'integer'},'b':{'type':['string','null']},"
                                + "'c':{'type':'number'},'d':{'type':'string'},'e':{'type':'string'}}}"));
    }

    @Test
    void enumValuesRemovedAreBreakingAndAddedAreCompatibleBothListed() {
        assertEquals(
                List.of(
                        "BREAKING ENUM_VALUES_REMOVED t [status]: argument `status` enum values removed: "
                                + "`unconfirmed`, `past`",
                        "compatible ENUM_VALUES_ADDED t [status]: argument `status` enum values added: `recurring`"),
                schemaDiff(
                        "{'type':'object','properties':{'status':{'enum':['upcoming','unconfirmed','past']}}}",
                        "{'type':'object','properties':{'status':{'enum':['upcoming','recurring']}}}"));
    }

    @Test
    void introducingAnEnumIsBreakingAndDroppingItIsCompatible() {
        assertEquals(
                List.of(
                        "compatible ENUM_VALUES_ADDED t [a]: argument `a` is no longer restricted to enum values",
                        "BREAKING ENUM_VALUES_REMOVED t [b]: argument `b` is now restricted to enum values `1`, `2`",
                        "BREAKING ENUM_VALUES_REMOVED t [c]: argument `c` is now restricted to enum values "
                                + "`a`, `b`, `c`, `d`, `e` and 2 more"),
                schemaDiff(
                        "{'type':'object','properties':{'a':{'enum':['x']},'b':{},'c':{}}}",
                        "{'type':'object','properties':{'a':{},'b':{'enum':[1,2]},"
                                + "'c':{'enum':['a','b','c','d','e','f','g']}}}"));
    }

    @Test
    void formatAddedOrChangedIsBreakingAndRemovedIsCompatible() {
        assertEquals(
                List.of(
                        "BREAKING FORMAT_CHANGED t [a]: argument `a` format changed from `date` to `date-time`",
                        "BREAKING FORMAT_CHANGED t [b]: argument `b` format `email` added",
                        "compatible FORMAT_CHANGED t [c]: argument `c` format `uri` removed"),
                schemaDiff(
                        "{'type':'object','properties':{'a':{'format':'date'},'b':{},'c':{'format':'uri'}}}",
                        "{'type':'object','properties':{'a':{'format':'date-time'},'b':{'format':'email'},'c':{}}}"));
    }

    @Test
    void argumentDescriptionChangeIsCompatible() {
        assertEquals(
                List.of("compatible DESCRIPTION_CHANGED t [start]: argument `start` description changed"),
                schemaDiff(
                        "{'type':'object','properties':{'start':{'description':'Start time'}}}",
                        "{'type':'object','properties':{'start':{'description':'Start time with offset'}}}"));
    }

    @Test
    void nestedObjectAndArrayItemArgumentsUseDottedPaths() {
        assertEquals(
                List.of(
                        "BREAKING ARGUMENT_REQUIRED t [attendee.timeZone]: argument `attendee.timeZone` is now required",
                        "BREAKING TYPE_CHANGED t [attendee.timeZone]: "
                                + "argument `attendee.timeZone` type changed from integer to string",
                        "BREAKING ARGUMENT_REMOVED t [guests[].email]: argument `guests[].email` removed"),
                schemaDiff(
                        "{'type':'object','properties':{"
                                + "'attendee':{'type':'object','properties':{'timeZone':{'type':'integer'}}},"
                                + "'guests':{'type':'array','items':{'type':'object','properties':{'email':{}}}}}}",
                        "{'type':'object','properties':{"
                                + "'attendee':{'type':'object','required':['timeZone'],"
                                + "'properties':{'timeZone':{'type':'string'}}},"
                                + "'guests':{'type':'array','items':{'type':'object','properties':{}}}}}"));
    }

    @Test
    void variantsAddedAreCompatibleAndRemovedAreBreaking() {
        assertEquals(
                List.of(
                        "compatible VARIANTS_CHANGED t [a]: argument `a` anyOf variants added (1 -> 2)",
                        "BREAKING VARIANTS_CHANGED t [b]: argument `b` oneOf variants removed (3 -> 2)"),
                schemaDiff(
                        "{'type':'object','properties':{"
                                + "'a':{'anyOf':[{'type':'string'}]},"
                                + "'b':{'oneOf':[{'type':'string'},{'type':'integer'},{'type':'boolean'}]}}}",
                        "{'type':'object','properties':{"
                                + "'a':{'anyOf':[{'type':'string'},{'type':'integer'}]},"
                                + "'b':{'oneOf':[{'type':'string'},{'type':'integer'}]}}}"));
    }

    @Test
    void variantsWithTheSameCountAreComparedByPosition() {
        assertEquals(
                List.of(
                        "compatible VARIANTS_CHANGED t: input schema oneOf relaxed to anyOf",
                        "BREAKING ARGUMENT_REMOVED t [anyOf[1].recurrenceCount]: "
                                + "argument `anyOf[1].recurrenceCount` removed"),
                schemaDiff(
                        "{'type':'object','oneOf':[{'properties':{'start':{}}},"
                                + "{'properties':{'start':{},'recurrenceCount':{}}}]}",
                        "{'type':'object','anyOf':[{'properties':{'start':{}}},{'properties':{'start':{}}}]}"));
    }

    @Test
    void introducingVariantsIsBreakingAndDroppingThemOrTighteningToOneOfAreClassified() {
        assertEquals(
                List.of(
                        "BREAKING VARIANTS_CHANGED t [a]: argument `a` must now match oneOf (2 variants)",
                        "compatible VARIANTS_CHANGED t [b]: argument `b` no longer has anyOf variants (was 2)",
                        "BREAKING VARIANTS_CHANGED t [c]: argument `c` anyOf tightened to oneOf"),
                schemaDiff(
                        "{'type':'object','properties':{'a':{},"
                                + "'b':{'anyOf':[{'type':'string'},{'type':'integer'}]},"
                                + "'c':{'anyOf':[{'type':'string'},{'type':'integer'}]}}}",
                        "{'type':'object','properties':{"
                                + "'a':{'oneOf':[{'type':'string'},{'type':'integer'}]},'b':{},"
                                + "'c':{'oneOf':[{'type':'string'},{'type':'integer'}]}}}"));
    }

    @Test
    void schemaLevelKeywordsAreReportedWithoutAnArgument() {
        assertEquals(
                List.of(
                        "BREAKING CONSTRAINT_CHANGED t: input schema `additionalProperties` added: `false`",
                        "compatible ANNOTATION_CHANGED t: input schema `x-calcom-note` added: `beta`",
                        "BREAKING CONSTRAINT_CHANGED t [ids]: argument `ids` `items` added"),
                schemaDiff(
                        "{'type':'object','properties':{'ids':{'type':'array'}}}",
                        "{'type':'object','additionalProperties':false,'x-calcom-note':'beta',"
                                + "'properties':{'ids':{'type':'array','items':{'type':'integer'}}}}"));
    }

    @Test
    void otherConstraintsAreClassifiedByDirection() {
        assertEquals(
                List.of(
                        "compatible ANNOTATION_CHANGED t [a]: argument `a` `default` changed from `10` to `20`",
                        "BREAKING CONSTRAINT_CHANGED t [a]: argument `a` `maximum` changed from `250` to `100`",
                        "compatible CONSTRAINT_CHANGED t [b]: argument `b` `maxLength` changed from `10` to `20`",
                        "BREAKING CONSTRAINT_CHANGED t [b]: argument `b` `minLength` changed from `0` to `1`",
                        "BREAKING CONSTRAINT_CHANGED t [b]: argument `b` `pattern` added: `^[a-z]+$`",
                        "compatible CONSTRAINT_CHANGED t [c]: argument `c` `maxItems` removed"),
                schemaDiff(
                        "{'type':'object','properties':{'a':{'maximum':250,'default':10},"
                                + "'b':{'maxLength':10,'minLength':0},'c':{'maxItems':3}}}",
                        "{'type':'object','properties':{'a':{'maximum':100,'default':20},"
                                + "'b':{'maxLength':20,'minLength':1,'pattern':'^[a-z]+$'},'c':{}}}"));
    }

    @Test
    void changesAreOrderedByToolThenToolLevelThenArguments() {
        ToolSurface locked =
                surface(tool("b").description("x").schema("{'type':'object','properties':{'z':{},'a':{}}}"), tool("a"));
        ToolSurface current =
                surface(tool("a").title("New"), tool("b").description("y").schema("{'type':'object','properties':{}}"));
        assertEquals(
                List.of(
                        "compatible TITLE_CHANGED a: title changed from `Title` to `New`",
                        "compatible DESCRIPTION_CHANGED b: description changed",
                        "BREAKING ARGUMENT_REMOVED b [a]: argument `a` removed",
                        "BREAKING ARGUMENT_REMOVED b [z]: argument `z` removed"),
                diff(locked, current));
    }
}
