package io.calcommcp.server.research;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RecordReaderTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void pointersGoThroughEveryItemAndSkipWhatIsMissing() throws Exception {
        JsonNode record = JSON.readTree("""
                {"title": " Sync ", "tags": ["a", "b"], "notes": null,
                 "people": [{"name": "Ann", "email": "ann@x.example"}, {"name": null}, {"email": "bo@x.example"}],
                 "place": {"city": "Rome"}}""");
        assertEquals(List.of("Sync"), RecordReader.texts(record, "/title"), "stripped");
        assertEquals(List.of("a", "b"), RecordReader.texts(record, "/tags"), "a list at the end is its items");
        assertEquals(List.of("a", "b"), RecordReader.texts(record, "/tags/*"));
        assertEquals(List.of("b"), RecordReader.texts(record, "/tags/1"));
        assertEquals(List.of("Ann"), RecordReader.texts(record, "/people/*/name"), "nulls and gaps have no value");
        assertEquals(List.of(), RecordReader.texts(record, "/notes"));
        assertEquals(List.of(), RecordReader.texts(record, "/nothing/here"));
        assertEquals(List.of("{\"city\":\"Rome\"}"), RecordReader.texts(record, "/place"), "an object as JSON");
        assertEquals(Optional.of("ann@x.example"), RecordReader.text(record, "/people/*/email"));
    }

    @Test
    void labelsReadAsWords() {
        assertEquals("Attendees email", RecordReader.label("/attendees/*/email"));
        assertEquals("Length in minutes", RecordReader.label("/lengthInMinutes"));
        assertEquals("Event type slug", RecordReader.label("/eventType/slug"));
        assertEquals("Created at", RecordReader.label("/created_at"));
    }

    @Test
    void newestFirstComparesInstantsNumbersAndTextEachAmongThemselves() throws Exception {
        List<NewestFirst> keys = new ArrayList<>();
        for (String value : List.of(
                "\"2025-11-20T01:00:00+09:00\"",
                "3",
                "\"beta\"",
                "\"2025-11-19T17:00:00Z\"",
                "10",
                "\"2024-01-01\"",
                "\"alpha\"")) {
            keys.add(NewestFirst.of(Optional.of(JSON.readTree(value))));
        }
        keys.add(NewestFirst.NONE);
        keys.sort(NewestFirst.ORDER);
        assertEquals(
                List.of("2025-11-19T17:00:00Z", "2025-11-20T01:00:00+09:00", "2024-01-01", "10", "3", "beta", "alpha"),
                keys.stream().flatMap(k -> k.text().stream()).toList());
        assertEquals(NewestFirst.NONE, keys.get(keys.size() - 1), "without a value, last");
    }
}
