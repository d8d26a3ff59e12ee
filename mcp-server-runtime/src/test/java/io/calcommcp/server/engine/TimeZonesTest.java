package io.calcommcp.server.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which time zone ids pass, and what a model is told when it sent an abbreviation, offset or typo. */
class TimeZonesTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "America/New_York",
                "Europe/Berlin",
                "UTC",
                "Etc/GMT+2",
                "America/Argentina/Buenos_Aires",
                "Asia/Kolkata"
            })
    void acceptsRegionIdsAndUtc(String id) {
        assertTrue(TimeZones.isValid(id), id);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "EST",
                "PST",
                "EST5EDT",
                "GMT",
                "CET",
                "GMT+2",
                "UTC+05:30",
                "+02:00",
                "Mars/Phobos",
                "",
                " America/New_York",
                "america/new_york",
                "utc",
                "SystemV/EST5"
            })
    void refusesAbbreviationsOffsetsWrongCaseAndUnknownIds(String id) {
        assertFalse(TimeZones.isValid(id), id);
    }

    @Test
    void refusesNull() {
        assertFalse(TimeZones.isValid(null));
    }

    @Test
    void abbreviationsSuggestTheRegionTheyUsuallyMean() {
        assertEquals(List.of("America/New_York"), TimeZones.suggestions("EST"));
        assertEquals(List.of("America/New_York"), TimeZones.suggestions("est5edt"));
        assertEquals(List.of("America/Los_Angeles"), TimeZones.suggestions("PDT"));
        assertEquals(List.of("UTC"), TimeZones.suggestions("GMT"));
        assertEquals(List.of("Europe/Paris", "Europe/Berlin"), TimeZones.suggestions("CET"));
        assertEquals(List.of("Asia/Kolkata"), TimeZones.suggestions("IST"));
    }

    @Test
    void wrongCaseAndCityNamesAndTyposSuggestTheIdFirst() {
        assertEquals(
                "America/New_York", TimeZones.suggestions("america/new_york").get(0));
        assertEquals("America/New_York", TimeZones.suggestions("New York").get(0));
        assertEquals(
                "America/New_York", TimeZones.suggestions("America/New_Yrok").get(0));
        assertEquals("Europe/Berlin", TimeZones.suggestions("berlin").get(0));
        assertEquals("UTC", TimeZones.suggestions("utc").get(0));
    }

    @Test
    void offsetsSuggestTheInvertedEtcIdAndRegions() {
        List<String> plusTwo = TimeZones.suggestions("GMT+2");
        assertEquals("Etc/GMT-2", plusTwo.get(0), plusTwo.toString());
        assertTrue(plusTwo.contains("Europe/Berlin"), plusTwo.toString());
        assertEquals("Etc/GMT+5", TimeZones.suggestions("UTC-5").get(0));
        assertEquals("Etc/GMT-2", TimeZones.suggestions("+02:00").get(0));
        assertEquals(
                List.of("UTC", "Europe/London"), TimeZones.suggestions("UTC+0").subList(0, 2));
        // No Etc id for a half hour: the region is the only fitting id.
        assertEquals("Asia/Kolkata", TimeZones.suggestions("UTC+05:30").get(0));
    }

    @Test
    void everySuggestionIsValidAndThereAreOneToThree() {
        for (String received : List.of("Mars/Phobos", "", "EST", "GMT+2", "UTC+05:30", "x".repeat(500), "Berlinn")) {
            List<String> suggestions = TimeZones.suggestions(received);
            assertTrue(suggestions.size() >= 1 && suggestions.size() <= 3, received + ": " + suggestions);
            assertTrue(suggestions.stream().allMatch(TimeZones::isValid), received + ": " + suggestions);
            assertEquals(suggestions, TimeZones.suggestions(received), "deterministic");
        }
    }

    @Test
    void problemQuotesTheValueAndNamesTheRegionItMeant() {
        assertEquals(
                "timeZone: \"EST\" is not an IANA time zone id. Use a region id such as \"America/New_York\""
                        + " (did you mean \"America/New_York\"?).",
                TimeZones.problem("timeZone", "EST"));
        assertEquals(
                "timeZone: \"CET\" is not an IANA time zone id. Use a region id such as \"America/New_York\""
                        + " (did you mean \"Europe/Paris\" or \"Europe/Berlin\"?).",
                TimeZones.problem("timeZone", "CET"));
        assertEquals(
                "attendee.timeZone: \"america/new_york\" is not an IANA time zone id: ids are case-sensitive."
                        + " Use \"America/New_York\".",
                TimeZones.problem("attendee.timeZone", "america/new_york"));
    }

    @Test
    void problemForAnOffsetExplainsDaylightSavingAndTheEtcForm() {
        String problem = TimeZones.problem("timeZone", "GMT+2");
        assertTrue(problem.startsWith("timeZone: \"GMT+2\" is a UTC offset, not a time zone"), problem);
        assertTrue(problem.contains("daylight saving"), problem);
        assertTrue(problem.contains("\"Europe/Berlin\""), problem);
        assertTrue(problem.contains("\"Etc/GMT-2\" is UTC+2"), problem);

        String halfHour = TimeZones.problem("timeZone", "UTC+05:30");
        assertTrue(halfHour.contains("\"Asia/Kolkata\""), halfHour);
        assertFalse(halfHour.contains("Etc/GMT"), halfHour);

        assertTrue(TimeZones.problem("timeZone", "+00:00").contains("or \"UTC\""));
    }

    @Test
    void problemAlwaysShowsAValidExample() {
        for (String received : List.of("Mars/Phobos", "", "GMT+2", "UTC-14:30", "EST5EDT", "New York")) {
            String problem = TimeZones.problem("timeZone", received);
            assertTrue(problem.startsWith("timeZone: \"" + received + "\""), problem);
            List<String> quoted = List.of(problem.split("\"")).stream()
                    .filter(TimeZones::isValid)
                    .toList();
            assertFalse(quoted.isEmpty(), problem);
        }
    }
}
