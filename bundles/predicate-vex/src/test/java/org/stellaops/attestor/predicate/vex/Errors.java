package org.stellaops.attestor.predicate.vex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.stellaops.attestor.api.predicate.PredicateResult;
import org.stellaops.attestor.api.predicate.ValidationError;

/** Assertions on results. */
final class Errors {

    private Errors() {
    }

    /** Asserts that the result is invalid with exactly one error, at {@code pointer}, whose message contains {@code text}. */
    static void assertOnly(PredicateResult result, String pointer, String text) {
        List<ValidationError> errors = errors(result);
        assertEquals(1, errors.size(), () -> "errors: " + errors);
        assertAt(errors.get(0), pointer, text);
    }

    /** @return the errors of an invalid result (fails for a valid one) */
    static List<ValidationError> errors(PredicateResult result) {
        return assertInstanceOf(PredicateResult.Invalid.class, result, () -> "expected invalid: " + result).errors();
    }

    /** @return the valid result (fails for an invalid one, showing its errors) */
    static PredicateResult.Valid valid(PredicateResult result) {
        return assertInstanceOf(PredicateResult.Valid.class, result, () -> "expected valid: " + result);
    }

    static void assertAt(ValidationError error, String pointer, String text) {
        assertEquals(pointer, error.pointer(), () -> "error: " + error);
        assertTrue(error.message().contains(text), () -> "message of " + error + " should contain: " + text);
    }
}
