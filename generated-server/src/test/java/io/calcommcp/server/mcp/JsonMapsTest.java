package io.calcommcp.server.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.calcommcp.server.engine.PreparedTool;
import io.calcommcp.server.testing.RunningServer;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The node-by-node copy gives the SDK the same maps as Jackson's own conversion. */
class JsonMapsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyAdvertisedSchemaConvertsAsJacksonWould() {
        int tools = 0;
        for (PreparedTool tool : RunningServer.tools(JSON).tools()) {
            ObjectNode schema = tool.advertisedSchema();
            assertEquals(
                    JSON.convertValue(schema, new TypeReference<Map<String, Object>>() {}),
                    JsonMaps.of(schema),
                    tool.name());
            tools++;
        }
        assertTrue(tools > 0, "no tool schema was compared");
    }

    @Test
    void numbersBooleansNullsAndNestingKeepTheirTypes() throws Exception {
        ObjectNode node = (ObjectNode) JSON.readTree(
                "{\"i\":1,\"l\":12345678901,\"d\":1.5,\"t\":true,\"n\":null,\"a\":[1,\"x\",{\"k\":[]}],\"o\":{}}");
        assertEquals(JSON.convertValue(node, new TypeReference<Map<String, Object>>() {}), JsonMaps.of(node));
    }
}
