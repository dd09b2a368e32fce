package org.stellaops.attestor.sdk.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.stellaops.attestor.sdk.AttestorException;

class JcsTest {

    private static String jcs(String json) {
        return new String(Jcs.canonicalize(json.getBytes(StandardCharsets.UTF_8), JsonLimits.DEFAULT),
                StandardCharsets.UTF_8);
    }

    private static double bits(String hex) {
        return Double.longBitsToDouble(Long.parseUnsignedLong(hex, 16));
    }

    @Test
    void canonicalizesTheRfc8785Section322Sample() {
        String input = "{\"numbers\": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],"
                + " \"string\": \"\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\\"\\/\","
                + " \"literals\": [null, true, false]}";
        assertEquals("{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],"
                + "\"string\":\"\u20ac$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}", jcs(input));
    }

    @Test
    void sortsMembersByUtf16CodeUnitsAsInRfc8785Section323() {
        String input = "{\"\\u20ac\": \"Euro Sign\", \"\\r\": \"Carriage Return\", \"\\ufb33\": \"Hebrew Letter Dalet"
                + " With Dagesh\", \"1\": \"One\", \"\\ud83d\\ude00\": \"Emoji: Grinning Face\", \"\\u0080\": \"Control\","
                + " \"\\u00f6\": \"Latin Small Letter O With Diaeresis\"}";
        assertEquals("{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\",\"\u00f6\":\"Latin Small Letter"
                + " O With Diaeresis\",\"\u20ac\":\"Euro Sign\",\"\ud83d\ude00\":\"Emoji: Grinning Face\",\"\ufb33\":"
                + "\"Hebrew Letter Dalet With Dagesh\"}", jcs(input));
    }

    @Test
    void emojiSortsBeforeLateBmpCharactersBecauseSurrogatesAreCompared() {
        assertEquals("{\"\ud83d\ude00\":1,\"\uff61\":2}", jcs("{\"\uff61\":2,\"\ud83d\ude00\":1}"));
    }

    @ParameterizedTest
    @CsvSource({"1e30,1e+30", "4.50,4.5", "2e-3,0.002", "1e-7,1e-7", "-0,0", "-0.0,0", "0.000001,0.000001",
            "1e21,1e+21", "1e20,100000000000000000000", "123,123", "-5,-5", "1E400000000000000000000000,", "0.1,0.1",
            "12345678901234567890,12345678901234567000", "9007199254740993,9007199254740992", "1.0,1",
            "5e-324,5e-324", "-1.5e-9,-1.5e-9", "100e-2,1"})
    void formatsNumbersLikeEcmaScript(String input, String expected) {
        if (expected == null) {
            assertEquals("json.malformed", assertThrows(AttestorException.class, () -> jcs(input)).code());
        } else {
            assertEquals(expected, jcs(input));
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = ' ', value = {"0000000000000000 0", "8000000000000000 0", "0000000000000001 5e-324",
            "8000000000000001 -5e-324", "7fefffffffffffff 1.7976931348623157e+308",
            "ffefffffffffffff -1.7976931348623157e+308", "4340000000000000 9007199254740992",
            "c340000000000000 -9007199254740992", "4430000000000000 295147905179352830000",
            "44b52d02c7e14af5 9.999999999999997e+22", "44b52d02c7e14af6 1e+23",
            "44b52d02c7e14af7 1.0000000000000001e+23", "444b1ae4d6e2ef4e 999999999999999700000",
            "444b1ae4d6e2ef4f 999999999999999900000", "444b1ae4d6e2ef50 1e+21",
            "3eb0c6f7a0b5ed8c 9.999999999999997e-7", "3eb0c6f7a0b5ed8d 0.000001",
            "41b3de4355555553 333333333.3333332", "41b3de4355555554 333333333.33333325",
            "41b3de4355555555 333333333.3333333", "41b3de4355555556 333333333.3333334",
            "41b3de4355555557 333333333.33333343", "becbf647612f3696 -0.0000033333333333333333",
            "43143ff3c1cb0959 1424953923781206.2"})
    void matchesTheRfc8785AppendixBNumberTable(String hex, String expected) {
        assertEquals(expected, EcmaNumbers.format(bits(hex)));
    }

    @Test
    void matchesEcmaScriptForThousandsOfDoublesRecordedFromNode() throws IOException {
        int checked = 0;
        try (InputStream in = JcsTest.class.getResourceAsStream("/jcs/es-numbers.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split(" ");
                assertEquals(parts[1], EcmaNumbers.format(bits(parts[0])), parts[0]);
                checked++;
            }
        }
        assertEquals(true, checked > 4000, "oracle lines checked: " + checked);
    }

    @Test
    void refusesNonFiniteNumbers() {
        for (double d : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            assertEquals("json.malformed", assertThrows(AttestorException.class, () -> EcmaNumbers.format(d)).code());
        }
    }

    @Test
    void escapesOnlyWhatJsonRequires() {
        assertEquals("{\"a\":\"\\u0000\\u001f\u007f\u2028\\b\\t\\n\\f\\r\\\"\\\\/\u00e9\"}",
                jcs("{\"a\":\"\\u0000\\u001f\\u007f\\u2028\\b\\t\\n\\f\\r\\\"\\\\\\/\u00e9\"}"));
    }

    @Test
    void outputsUtf8Bytes() {
        byte[] out = Jcs.canonicalize("{\"k\":\"\u20ac\"}".getBytes(StandardCharsets.UTF_8), JsonLimits.DEFAULT);
        assertEquals("7b226b223a22e282ac227d", HexFormat.of().formatHex(out));
    }

    @Test
    void removesWhitespaceAndKeepsArrayOrder() {
        assertEquals("[3,1,{\"a\":[],\"b\":{}},\"x\"]", jcs(" [ 3 , 1 , { \"b\" : { } , \"a\" : [ ] } , \"x\" ] "));
    }

    @Test
    void canonicalizesTreesBuiltInCode() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("z", new BigDecimal("4.50"));
        node.put("y", new BigInteger("1000000000000000000000"));
        node.put("x", 2.5f);
        node.put("w", 7L);
        node.putNull("v");
        assertEquals("{\"v\":null,\"w\":7,\"x\":2.5,\"y\":1e+21,\"z\":4.5}",
                new String(Jcs.canonicalize(node), StandardCharsets.UTF_8));
    }

    @Test
    void refusesLoneSurrogatesInTreesBuiltInCode() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("k", "\ud800");
        assertEquals("json.malformed", assertThrows(AttestorException.class, () -> Jcs.canonicalize(node)).code());
    }

    @Test
    void refusesNonJsonNodes() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("k", new byte[] {1});
        assertEquals("json.malformed", assertThrows(AttestorException.class, () -> Jcs.canonicalize(node)).code());
    }

    @Test
    void isIdempotent() {
        String once = jcs("{\"b\":[1.50,{\"d\":1e2,\"c\":\"\\u00e9\"}],\"a\":true}");
        assertEquals(once, jcs(once));
    }
}
