package org.stellaops.attestor.testing.predicate;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import org.stellaops.attestor.api.model.Statement;
import org.stellaops.attestor.api.predicate.PredicateHandler;
import org.stellaops.attestor.api.predicate.PredicateResult;
import org.stellaops.attestor.api.predicate.ValidationError;

/**
 * What every answer of a handler must be, whatever the input: valid with facts that obey the contract and located
 * warnings, or invalid with at least one located error; never an exception.
 */
public final class ResultContract {

    private ResultContract() {
    }

    /**
     * Validates and asserts the contract; an exception the handler throws fails the test, naming {@code label}.
     *
     * @param handler the handler
     * @param statement the statement
     * @param family the facts' family prefix, for {@link FactsContract#assertObeyed}
     * @param label what the input was, for failure messages (a sample and a seed)
     * @return whether the result is valid
     */
    public static boolean validate(PredicateHandler handler, Statement statement, String family, String label) {
        PredicateResult result;
        try {
            result = handler.validate(statement);
        } catch (RuntimeException | StackOverflowError e) {
            throw new AssertionError(label + " threw", e);
        }
        return assertWellFormed(result, family, label);
    }

    /**
     * @param result a handler's answer
     * @param family the facts' family prefix, for {@link FactsContract#assertObeyed}
     * @param label what the input was, for failure messages
     * @return whether the result is valid
     */
    public static boolean assertWellFormed(PredicateResult result, String family, String label) {
        assertNotNull(result, label);
        if (result instanceof PredicateResult.Valid valid) {
            FactsContract.assertObeyed(valid.facts(), family);
            valid.warnings().forEach(warning -> assertLocated(warning, label));
            return true;
        }
        if (result instanceof PredicateResult.Invalid invalid) {
            assertFalse(invalid.errors().isEmpty(), label);
            invalid.errors().forEach(error -> assertLocated(error, label));
            return false;
        }
        fail(label + ": unknown result " + result);
        return false;
    }

    private static void assertLocated(ValidationError error, String label) {
        assertTrue(error.pointer().startsWith("/predicate"), () -> label + ": not a predicate pointer: " + error);
        assertFalse(error.message().isBlank(), () -> label + ": blank message: " + error);
    }
}
