package org.stellaops.attestor.predicate.slsa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.stellaops.attestor.api.predicate.PredicateResult;
import org.stellaops.attestor.api.predicate.ValidationError;

/** Assertions on {@link PredicateResult.Invalid} results. */
final class Errors {

    private Errors() {
    }

    /** Asserts that the result is invalid with exactly one error, at {@code pointer}, whose message contains {@code text}. */
    static void assertOnly(PredicateResult result, String pointer, String text) {
        PredicateResult.Invalid invalid = assertInstanceOf(PredicateResult.Invalid.class, result);
        assertEquals(1, invalid.errors().size(), () -> "errors: " + invalid.errors());
        assertAt(invalid.errors().get(0), pointer, text);
    }

    static void assertAt(ValidationError error, String pointer, String text) {
        assertEquals(pointer, error.pointer(), () -> "error: " + error);
        assertTrue(error.message().contains(text), () -> "message of " + error + " should contain: " + text);
    }
}
