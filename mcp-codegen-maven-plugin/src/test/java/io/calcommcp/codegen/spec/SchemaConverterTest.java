package io.calcommcp.codegen.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SchemaConverterTest {

    /**
     * Keywords come out in one fixed order whatever the input order. They were once copied by
     * iterating a {@code Set.of}, whose order changes from one JVM to the next: two builds of the
     * same spec then emitted different bytes (caught by the lock-check-history IT). In a single
     * JVM that order is random but stable, so this test failed on most runs of the old code.
     */
    @Test
    void keywordsAreCopiedInAFixedOrder() throws Exception {
        JsonNode schema = new ObjectMapper()
                .readTree(
                        "{\"default\": 250, \"maximum\": 250, \"multipleOf\": 1,"
                                + " \"minimum\": 1, \"format\": \"int32\", \"type\": \"integer\", \"maxLength\": 3, \"pattern\": \"x\"}");
        List<String> keys = new ArrayList<>();
        new SchemaConverter(Map.of(), SchemaConverter.AS_IS)
                .convert(schema)
                .fieldNames()
                .forEachRemaining(keys::add);
        assertEquals(
                List.of("type", "format", "pattern", "minimum", "maximum", "maxLength", "multipleOf", "default"), keys);
    }
}
