package org.stellaops.attestor.predicate.support;

import java.util.List;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.stellaops.attestor.api.model.Statement;
import org.stellaops.attestor.api.predicate.PredicateResult;
import org.stellaops.attestor.api.predicate.ValidationError;

/**
 * The steps every built-in handler takes around its own checks: the statement's predicate as a JSON tree, and a
 * result of one error.
 *
 * @since 1.1
 */
public final class Predicates {

    /** The predicate's pointer inside the statement; every error about the predicate starts with it. */
    public static final String POINTER = "/predicate";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Predicates() {
    }

    /**
     * Converts the predicate to a JSON tree and validates that.
     *
     * @param statement the statement
     * @param validation the handler's validation of the tree
     * @return what {@code validation} returns, or invalid at {@value #POINTER} when the predicate holds values that
     *         are no JSON (the core never passes such a statement; a handler still never throws)
     */
    public static PredicateResult asTree(Statement statement, Function<JsonNode, PredicateResult> validation) {
        JsonNode predicate;
        try {
            predicate = MAPPER.valueToTree(statement.predicate());
        } catch (IllegalArgumentException e) {
            return invalid(POINTER, "the predicate is not a JSON object tree: " + e.getMessage());
        }
        return validation.apply(predicate);
    }

    /**
     * @param pointer where the error is
     * @param message what is wrong and what is expected
     * @return an invalid result with that one error
     */
    public static PredicateResult invalid(String pointer, String message) {
        return PredicateResult.invalid(List.of(new ValidationError(pointer, message)));
    }
}
