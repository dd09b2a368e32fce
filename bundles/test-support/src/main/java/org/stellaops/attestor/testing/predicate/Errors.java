package org.stellaops.attestor.testing.predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.stellaops.attestor.api.predicate.PredicateResult;
import org.stellaops.attestor.api.predicate.ValidationError;

/** Assertions on the results of predicate handlers. */
public final class Errors {

    private Errors() {
    }

    /**
     * Asserts that the result is invalid with exactly one error, at {@code pointer}, whose message contains
     * {@code text}.
     *
     * @param result a handler's result
     * @param pointer the expected pointer
     * @param text a part of the expected message
     */
    public static void assertOnly(PredicateResult result, String pointer, String text) {
        List<ValidationError> errors = errors(result);
        assertEquals(1, errors.size(), () -> "errors: " + errors);
        assertAt(errors.get(0), pointer, text);
    }

    /**
     * Asserts that the result is invalid and some error is at {@code pointer} with a message containing {@code text}.
     *
     * @param result a handler's result
     * @param pointer the expected pointer
     * @param text a part of the expected message
     */
    public static void assertHas(PredicateResult result, String pointer, String text) {
        List<ValidationError> errors = errors(result);
        assertTrue(errors.stream().anyMatch(e -> e.pointer().equals(pointer) && e.message().contains(text)),
                () -> "no error at " + pointer + " containing '" + text + "' in " + errors);
    }

    /**
     * @param result a handler's result
     * @return its errors (fails for a valid result)
     */
    public static List<ValidationError> errors(PredicateResult result) {
        return assertInstanceOf(PredicateResult.Invalid.class, result, () -> "expected invalid: " + result).errors();
    }

    /**
     * @param result a handler's result
     * @return the valid result (fails for an invalid one, showing its errors)
     */
    public static PredicateResult.Valid valid(PredicateResult result) {
        return assertInstanceOf(PredicateResult.Valid.class, result, () -> "expected valid: " + result);
    }

    /**
     * Asserts that an error is at {@code pointer} with a message containing {@code text}.
     *
     * @param error an error or warning
     * @param pointer the expected pointer
     * @param text a part of the expected message
     */
    public static void assertAt(ValidationError error, String pointer, String text) {
        assertEquals(pointer, error.pointer(), () -> "error: " + error);
        assertTrue(error.message().contains(text), () -> "message of " + error + " should contain: " + text);
    }
}
