package org.stellaops.attestor.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.stellaops.attestor.sdk.AttestorException;

class JsonItemsTest {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** The elements as the exact text they occupy in the body. */
    private static List<String> elements(String body) {
        byte[] bytes = utf8(body);
        return JsonItems.of(bytes, "envelopes").stream()
                .map(s -> new String(s.copyFrom(bytes), StandardCharsets.UTF_8)).toList();
    }

    private static AttestorException refused(String body) {
        return assertThrows(AttestorException.class, () -> JsonItems.of(utf8(body), "envelopes"));
    }

    @Test
    void slicesNestedObjectsExactlyAsSent() {
        assertEquals(List.of("{\"a\":{\"b\":[1,2,{\"c\":{}}]},\"d\":[[]]}", "{\"e\":{\"f\":{\"g\":null}}}"),
                elements("{\"envelopes\":[{\"a\":{\"b\":[1,2,{\"c\":{}}]},\"d\":[[]]},{\"e\":{\"f\":{\"g\":null}}}]}"));
    }

    @Test
    void isNotMisledByEscapedQuotesAndBracketsInsideStrings() {
        String tricky = "{\"p\":\"a\\\"]},{\\\"x\\\":[\",\"q\":\"\\\\\",\"r\":\"}]\"}";
        assertEquals(List.of(tricky, "{\"s\":\"\\\\\\\"\"}"),
                elements("{\"envelopes\":[" + tricky + ",{\"s\":\"\\\\\\\"\"}]}"));
    }

    @Test
    void keepsWhitespaceInsideAnElementAndDropsItAroundIt() {
        assertEquals(List.of("{ \"a\" :\t1 ,\n \"b\" : [ 2 ] }", "{\"c\":3}"),
                elements(" \r\n{ \"envelopes\" : [\n\t { \"a\" :\t1 ,\n \"b\" : [ 2 ] }  ,\r\n  {\"c\":3}\n ] }\n "));
    }

    @Test
    void countsBytesNotCharactersAcrossMultiByteText() {
        String first = "{\"name\":\"caf\u00e9 \u2615 \uD834\uDD1E\"}";
        String second = "{\"k\":\"\\u00e9\u00e9\",\"\u00fc\":\"\uD83D\uDE00\"}";
        String body = "{\"envelopes\":[" + first + " , " + second + "]}";
        byte[] bytes = utf8(body);
        List<JsonItems.Slice> slices = JsonItems.of(bytes, "envelopes");
        assertArrayEquals(utf8(first), slices.get(0).copyFrom(bytes));
        assertArrayEquals(utf8(second), slices.get(1).copyFrom(bytes));
    }

    @Test
    void slicesScalarElementsToo() {
        assertEquals(List.of("\"s,]\"", "-12.5e3", "true", "null", "[ ]", "{}"),
                elements("{\"envelopes\":[\"s,]\" , -12.5e3,true,null ,[ ],{}]}"));
    }

    @Test
    void findsTheRightOffsetsAfterALargeElement() {
        String large = "{\"payload\":\"" + "A".repeat(300_000) + "\"}";
        assertEquals(List.of(large, "{\"after\":true}"),
                elements("{\"envelopes\":[" + large + ",\n{\"after\":true}]}"));
    }

    @Test
    void leavesDuplicateMembersInsideAnElementToTheItemsJudge() {
        assertEquals(List.of("{\"a\":1,\"a\":2}"), elements("{\"envelopes\":[{\"a\":1,\"a\":2}]}"));
    }

    @Test
    void returnsNoSlicesForAnEmptyArray() {
        assertEquals(List.of(), elements("{\"envelopes\":[ ]}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "\"envelopes\"", "{\"envelope\":[]}", "{\"envelopes\":{}}", "{}",
            "{\"envelopes\":[],\"envelopes\":[]}", "{\"envelopes\":[],\"other\":1}", ""})
    void refusesAnotherWrapperShapeAsMalformedRequest(String body) {
        assertEquals("request.malformed", refused(body).code());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"envelopes\":[{]}", "{\"envelopes\":[{\"a\":1}", "{\"envelopes\":[{\"a\":1},]}",
            "{\"envelopes\":[]} {}", "{\"envelopes\":[{\"a\":1}{\"b\":2}]}", "{\"envelopes\":[\"unterminated]}",
            "{\"envelopes\":[/*c*/]}"})
    void refusesBrokenJsonAnywhereAsMalformedJson(String body) {
        assertEquals("json.malformed", refused(body).code());
    }

    @Test
    void refusesAByteOrderMark() {
        byte[] body = utf8("\uFEFF{\"envelopes\":[]}");
        assertEquals("json.malformed",
                assertThrows(AttestorException.class, () -> JsonItems.of(body, "envelopes")).code());
    }

    @Test
    void refusesUtf16RatherThanMisplacingTheSlices() {
        byte[] body = "{\"envelopes\":[{}]}".getBytes(StandardCharsets.UTF_16LE);
        assertEquals("json.malformed",
                assertThrows(AttestorException.class, () -> JsonItems.of(body, "envelopes")).code());
    }

    @Test
    void followsDeepElementsUpToTheNestingBound() {
        String deep = "[".repeat(JsonItems.MAX_DEPTH - 2) + "]".repeat(JsonItems.MAX_DEPTH - 2);
        assertEquals(List.of(deep, "{}"), elements("{\"envelopes\":[" + deep + ",{}]}"));
    }

    @Test
    void refusesNestingBeyondTheBoundWithoutFollowingIt() {
        String tooDeep = "[".repeat(JsonItems.MAX_DEPTH) + "]".repeat(JsonItems.MAX_DEPTH);
        assertEquals("json.too_deep", refused("{\"envelopes\":[" + tooDeep + "]}").code());
    }
}
