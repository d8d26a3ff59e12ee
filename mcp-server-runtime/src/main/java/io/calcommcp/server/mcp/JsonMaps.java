package io.calcommcp.server.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON tree as the plain maps and lists the SDK's tool objects hold, copied node by node. At
 * start-up every tool's schema is converted once; Jackson's general conversion (writing the tree
 * to a buffer of tokens and binding those back) cost a tenth of the start on one CPU.
 */
final class JsonMaps {

    private JsonMaps() {}

    /** {@code object} as a map in the same member order; numbers keep their Java type. */
    static Map<String, Object> of(ObjectNode object) {
        Map<String, Object> map = new LinkedHashMap<>();
        object.properties().forEach(member -> map.put(member.getKey(), value(member.getValue())));
        return map;
    }

    private static Object value(JsonNode node) {
        if (node.isObject()) {
            return of((ObjectNode) node);
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>(node.size());
            node.forEach(element -> list.add(value(element)));
            return list;
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isNumber()) {
            return node.numberValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        return null;
    }
}
