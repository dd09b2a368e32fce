package org.stellaops.attestor.predicate.policyeval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.stellaops.attestor.api.predicate.PredicateResult;
import org.stellaops.attestor.api.predicate.ValidationError;

/** Assertions on {@link PredicateResult.Invalid} results. */
final class Errors {

    private Errors() {
    }

    /** Asserts that the result is invalid with exactly one error, at {@code pointer}, whose message contains {@code text}. */
    static void assertOnly(PredicateResult result, String pointer, String text) {
        List<ValidationError> errors = of(result);
        assertEquals(1, errors.size(), () -> "errors: " + errors);
        assertAt(errors.get(0), pointer, text);
    }

    /** @return the errors of an invalid result (fails if it is valid) */
    static List<ValidationError> of(PredicateResult result) {
        return assertInstanceOf(PredicateResult.Invalid.class, result, () -> "valid: " + result).errors();
    }

    static void assertAt(ValidationError error, String pointer, String text) {
        assertEquals(pointer, error.pointer(), () -> "error: " + error);
        assertTrue(error.message().contains(text), () -> "message of " + error + " should contain: " + text);
    }
}
