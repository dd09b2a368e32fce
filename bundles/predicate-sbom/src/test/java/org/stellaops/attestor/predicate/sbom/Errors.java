package org.stellaops.attestor.predicate.sbom;

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
        PredicateResult.Invalid invalid = assertInstanceOf(PredicateResult.Invalid.class, result);
        assertEquals(1, invalid.errors().size(), () -> "errors: " + invalid.errors());
        assertAt(invalid.errors().get(0), pointer, text);
    }

    /** Asserts that the result is invalid and some error is at {@code pointer} with a message containing {@code text}. */
    static void assertHas(PredicateResult result, String pointer, String text) {
        PredicateResult.Invalid invalid = assertInstanceOf(PredicateResult.Invalid.class, result);
        List<ValidationError> errors = invalid.errors();
        assertTrue(errors.stream().anyMatch(e -> e.pointer().equals(pointer) && e.message().contains(text)),
                () -> "no error at " + pointer + " containing '" + text + "' in " + errors);
    }

    static void assertAt(ValidationError error, String pointer, String text) {
        assertEquals(pointer, error.pointer(), () -> "error: " + error);
        assertTrue(error.message().contains(text), () -> "message of " + error + " should contain: " + text);
    }
}
