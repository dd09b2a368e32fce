package com.example.attestor.testresults;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.List;
import java.util.Map;

import org.stellaops.attestor.api.predicate.PredicateResult;
import org.stellaops.attestor.api.predicate.ValidationError;

/** Assertion helpers for handler results. */
final class Results {

    private Results() {
    }

    static Map<String, Object> facts(PredicateResult result) {
        return assertInstanceOf(PredicateResult.Valid.class, result, () -> "expected valid, got " + result).facts();
    }

    static List<ValidationError> errors(PredicateResult result) {
        return assertInstanceOf(PredicateResult.Invalid.class, result, () -> "expected invalid, got " + result).errors();
    }

    static List<String> pointers(PredicateResult result) {
        return errors(result).stream().map(ValidationError::pointer).toList();
    }

    /** @return the message of the only error at {@code pointer}, failing if there is not exactly one */
    static String messageAt(PredicateResult result, String pointer) {
        List<ValidationError> at = errors(result).stream().filter(e -> e.pointer().equals(pointer)).toList();
        if (at.size() != 1) {
            throw new AssertionError("expected one error at " + pointer + ", got " + errors(result));
        }
        return at.get(0).message();
    }
}
