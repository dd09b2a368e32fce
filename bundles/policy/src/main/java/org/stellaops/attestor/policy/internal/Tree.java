package org.stellaops.attestor.policy.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Conversions between Jackson trees and the plain read-only trees rule configurations are handed over as:
 * {@code Map<String,Object>} (member order kept), {@code List<Object>}, {@code String}, {@code Boolean}, {@code Long}
 * (integers that fit), {@code BigInteger}, {@code BigDecimal} and {@code null}.
 */
final class Tree {

    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private Tree() {
    }

    /**
     * @param node a Jackson tree
     * @return the plain tree
     * @throws IllegalArgumentException for a number that is not finite (YAML {@code .nan}, {@code .inf}) or a node
     *         kind JSON does not have
     */
    static Object fromJson(JsonNode node) {
        switch (node.getNodeType()) {
            case OBJECT: {
                Map<String, Object> map = new LinkedHashMap<>();
                Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
                while (fields.hasNext()) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    map.put(field.getKey(), fromJson(field.getValue()));
                }
                return Collections.unmodifiableMap(map);
            }
            case ARRAY: {
                List<Object> list = new ArrayList<>(node.size());
                node.forEach(element -> list.add(fromJson(element)));
                return Collections.unmodifiableList(list);
            }
            case STRING:
                return node.textValue();
            case BOOLEAN:
                return node.booleanValue();
            case NULL:
                return null;
            case NUMBER:
                return number(node);
            default:
                throw new IllegalArgumentException("not a JSON value: " + node.getNodeType());
        }
    }

    private static Object number(JsonNode node) {
        if (node.isIntegralNumber()) {
            BigInteger value = node.bigIntegerValue();
            return value.compareTo(LONG_MIN) >= 0 && value.compareTo(LONG_MAX) <= 0 ? (Object) value.longValue()
                    : value;
        }
        if ((node.isDouble() || node.isFloat()) && !Double.isFinite(node.doubleValue())) {
            throw new IllegalArgumentException("numbers must be finite");
        }
        BigDecimal value = node.decimalValue();
        try {
            // 2.0 is the integer 2 in JSON's data model; keeping it a decimal would make "min": 2.0 a type error
            BigInteger exact = value.toBigIntegerExact();
            return exact.compareTo(LONG_MIN) >= 0 && exact.compareTo(LONG_MAX) <= 0 ? (Object) exact.longValue()
                    : exact;
        } catch (ArithmeticException fractional) {
            return value;
        }
    }

    /**
     * @param value a plain tree
     * @return the Jackson tree
     * @throws IllegalArgumentException for a value outside the plain-tree types
     */
    static JsonNode toJson(Object value) {
        if (value == null) {
            return NODES.nullNode();
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode object = NODES.objectNode();
            map.forEach((k, v) -> object.set(String.valueOf(k), toJson(v)));
            return object;
        }
        if (value instanceof List<?> list) {
            ArrayNode array = NODES.arrayNode();
            list.forEach(v -> array.add(toJson(v)));
            return array;
        }
        if (value instanceof String s) {
            return NODES.textNode(s);
        }
        if (value instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        if (value instanceof Long || value instanceof Integer) {
            return NODES.numberNode(((Number) value).longValue());
        }
        if (value instanceof BigInteger i) {
            return NODES.numberNode(i);
        }
        if (value instanceof BigDecimal d) {
            return NODES.numberNode(d);
        }
        throw new IllegalArgumentException("not a JSON value: " + value.getClass().getName());
    }

    /**
     * @param value a plain-tree value
     * @return its JSON type name for messages: object, array, string, boolean, integer, number or null
     */
    static String typeName(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Map) {
            return "object";
        }
        if (value instanceof List) {
            return "array";
        }
        if (value instanceof String) {
            return "string";
        }
        if (value instanceof Boolean) {
            return "boolean";
        }
        if (value instanceof Long || value instanceof Integer || value instanceof BigInteger) {
            return "integer";
        }
        return "number";
    }
}
