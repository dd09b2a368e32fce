package org.stellaops.attestor.sdk.intoto;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Converts a Jackson tree into the library-free tree of the plugin API: unmodifiable {@code Map} (member order kept)
 * and {@code List}, {@code String}, {@code BigInteger} for integers, {@code BigDecimal} for other numbers,
 * {@code Boolean} and {@code null}.
 */
final class JsonTrees {

    private JsonTrees() {
    }

    static Object toPlain(JsonNode node) {
        switch (node.getNodeType()) {
            case OBJECT:
                Map<String, Object> map = new LinkedHashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    map.put(e.getKey(), toPlain(e.getValue()));
                }
                return Collections.unmodifiableMap(map);
            case ARRAY:
                List<Object> list = new ArrayList<>(node.size());
                for (JsonNode element : node) {
                    list.add(toPlain(element));
                }
                return Collections.unmodifiableList(list);
            case STRING:
                return node.textValue();
            case NUMBER:
                return node.isIntegralNumber() ? node.bigIntegerValue() : node.decimalValue();
            case BOOLEAN:
                return node.booleanValue();
            default:
                return null;
        }
    }
}
