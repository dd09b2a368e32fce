package org.stellaops.attestor.predicate.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.stellaops.attestor.api.model.Bytes;
import org.stellaops.attestor.api.model.Digest;
import org.stellaops.attestor.api.model.Statement;
import org.stellaops.attestor.api.model.Subject;
import org.stellaops.attestor.api.predicate.PredicateResult;
import org.stellaops.attestor.api.predicate.ValidationError;

class PredicatesTest {

    private static Statement statement(Map<String, Object> predicate) {
        return new Statement(Statement.TYPE_V1, List.of(new Subject("a", List.of(new Digest("sha256", "ab")))),
                "https://example.test/p", predicate, Bytes.of(new byte[0]));
    }

    @Test
    void handsTheValidationThePredicateAsATree() {
        PredicateResult result = Predicates.asTree(statement(Map.of("n", 1)),
                tree -> PredicateResult.valid(Map.of("n", tree.path("n").asInt())));

        assertEquals(Map.of("n", 1), assertInstanceOf(PredicateResult.Valid.class, result).facts());
    }

    @Test
    void refusesAPredicateHoldingValuesThatAreNoJson() {
        PredicateResult result = Predicates.asTree(statement(Map.of("x", new Object())),
                tree -> PredicateResult.valid(Map.of()));

        List<ValidationError> errors = assertInstanceOf(PredicateResult.Invalid.class, result).errors();
        assertEquals("/predicate", errors.get(0).pointer());
        assertTrue(errors.get(0).message().startsWith("the predicate is not a JSON object tree"), errors::toString);
    }

    @Test
    void buildsTheTreeJacksonWouldBuildNodeForNode() {
        Map<String, Object> plain = new LinkedHashMap<>();
        plain.put("text", "caf\u00e9 \ud83d\ude00");
        plain.put("int", new BigInteger("42"));
        plain.put("huge", new BigInteger("123456789012345678901234567890"));
        plain.put("decimals", List.of(new BigDecimal("1.50"), new BigDecimal("0.000"),
                new BigDecimal("-2E+3"), new BigDecimal("100")));
        plain.put("boxed", List.of(7, 7L, (short) 7, (byte) 7, 1.25d, 1.25f));
        plain.put("flags", List.of(true, false));
        plain.put("nothing", null);
        plain.put("nested", Map.of("list", List.of(Map.of(), List.of())));
        JsonNode expected = new ObjectMapper().valueToTree(plain);
        JsonNode built = Predicates.toNode(plain);
        assertEquals(expected, built);
        assertSameNodeTypes(expected, built);
    }

    private static void assertSameNodeTypes(JsonNode expected, JsonNode actual) {
        assertEquals(expected.getClass(), actual.getClass(), expected.toString());
        assertEquals(expected.toString(), actual.toString());
        Iterator<String> names = expected.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            assertSameNodeTypes(expected.get(name), actual.get(name));
        }
        for (int i = 0; expected.isArray() && i < expected.size(); i++) {
            assertSameNodeTypes(expected.get(i), actual.get(i));
        }
    }

    @Test
    void makesAResultOfOneError() {
        assertEquals(List.of(new ValidationError("/predicateType", "unknown")),
                assertInstanceOf(PredicateResult.Invalid.class, Predicates.invalid("/predicateType", "unknown"))
                        .errors());
    }
}
