package org.stellaops.attestor.predicate.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

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
    void makesAResultOfOneError() {
        assertEquals(List.of(new ValidationError("/predicateType", "unknown")),
                assertInstanceOf(PredicateResult.Invalid.class, Predicates.invalid("/predicateType", "unknown"))
                        .errors());
    }
}
