package org.stellaops.attestor.sdk.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.stellaops.attestor.sdk.AttestorException;

class StrictJsonTest {

    private static JsonNode parse(String json) {
        return StrictJson.parse(json.getBytes(StandardCharsets.UTF_8), JsonLimits.DEFAULT);
    }

    private static String code(String json, JsonLimits limits) {
        return assertThrows(AttestorException.class,
                () -> StrictJson.parse(json.getBytes(StandardCharsets.UTF_8), limits)).code();
    }

    private static String code(byte[] json) {
        return assertThrows(AttestorException.class, () -> StrictJson.parse(json, JsonLimits.DEFAULT)).code();
    }

    @Test
    void parsesObjectsArraysAndScalars() {
        JsonNode n = parse("{\"a\":[1,2.50,\"x\",true,null,{}],\"b\":-3}");
        assertEquals(6, n.get("a").size());
        assertEquals(new BigDecimal("2.50"), n.get("a").get(1).decimalValue());
        assertEquals(-3, n.get("b").intValue());
    }

    @Test
    void parsesScalarRoots() {
        assertEquals("x", parse(" \"x\" ").textValue());
        assertEquals(12345678901234567890.0, parse("12345678901234567890").doubleValue());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\":1,\"a\":2}", "{\"o\":{\"k\":1,\"k\":1}}", "[{\"x\":[{\"d\":1,\"d\":{}}]}]",
            "{\"a\":1,\"\\u0061\":2}"})
    void rejectsDuplicateMembersAtAnyDepth(String json) {
        assertEquals("json.duplicate_member", code(json, JsonLimits.DEFAULT));
    }

    @Test
    void acceptsSameMemberNameInSiblingObjects() {
        assertEquals(2, parse("[{\"a\":1},{\"a\":2}]").size());
    }

    @Test
    void rejectsNestingDeeperThanTheLimit() {
        JsonLimits limits = new JsonLimits(1024, 3);
        StrictJson.parse("[[[1]]]".getBytes(StandardCharsets.UTF_8), limits);
        assertEquals("json.too_deep", code("[[[[1]]]]", limits));
        assertEquals("json.too_deep", code("{\"a\":{\"b\":{\"c\":{}}}}", limits));
    }

    @Test
    void rejectsVeryDeepNestingWithoutStackOverflow() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        assertEquals("json.too_deep", code(deep, new JsonLimits(1_000_000, 64)));
    }

    @Test
    void rejectsInputLargerThanTheLimit() {
        assertEquals("request.too_large", code("[1,2,3]", new JsonLimits(6, 64)));
        StrictJson.parse("[1,2,3]".getBytes(StandardCharsets.UTF_8), new JsonLimits(7, 64));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "{", "{\"a\":1", "{\"a\":1}x", "{\"a\":1} {}", "[1,]", "{'a':1}", "[01]", "[NaN]",
            "[1e]", "{\"a\" 1}", "[\"\t\"]", "//x\n1", "[\"\\ud800\"]", "{\"\\udc00\":1}", "[\"\\ud800x\"]", "tru",
            "[1 2]"})
    void rejectsMalformedJson(String json) {
        assertEquals("json.malformed", code(json, JsonLimits.DEFAULT));
    }

    @Test
    void rejectsInvalidUtf8() {
        assertEquals("json.malformed", code(new byte[] {'"', (byte) 0xC3, '"'}));
        assertEquals("json.malformed", code(new byte[] {'"', (byte) 0xC0, (byte) 0xAF, '"'}));
        assertEquals("json.malformed", code(new byte[] {'"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"'}));
        assertEquals("json.malformed", code(new byte[] {'"', (byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80, '"'}));
        assertEquals("json.malformed", code(new byte[] {'"', (byte) 0xFF, '"'}));
    }

    @Test
    void rejectsByteOrderMark() {
        assertEquals("json.malformed", code(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '1'}));
    }

    @Test
    void acceptsValidMultibyteUtf8AndSurrogatePairEscapes() {
        assertEquals("\u00e9\u20ac\ud83d\ude00", parse("\"\u00e9\u20ac\\ud83d\\ude00\"").textValue());
        assertEquals("\ud83d\ude00", parse("\"\ud83d\ude00\"").textValue());
    }

    @Test
    void sharedMapperRejectsDuplicatesAndIgnoresUnknownProperties() throws Exception {
        record Point(int x) {
        }
        assertEquals(1, StrictJson.mapper().readValue("{\"x\":1,\"y\":2}", Point.class).x());
        assertThrows(Exception.class, () -> StrictJson.mapper().readValue("{\"x\":1,\"x\":2}", Point.class));
        assertTrue(StrictJson.mapper().readTree("1.10").isBigDecimal());
    }

    @Test
    void limitsMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new JsonLimits(0, 1));
        assertThrows(IllegalArgumentException.class, () -> new JsonLimits(1, 0));
        assertEquals(4 * 1024 * 1024, JsonLimits.DEFAULT.maxBytes());
        assertEquals(64, JsonLimits.DEFAULT.maxDepth());
    }
}
