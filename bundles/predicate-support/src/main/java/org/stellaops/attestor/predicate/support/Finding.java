package org.stellaops.attestor.predicate.support;

import java.util.function.Supplier;

import org.stellaops.attestor.api.predicate.ValidationError;

/**
 * One error to report, its message not yet built: only the errors that are reported (at most
 * {@link PredicateSchema#MAX_ERRORS}) ever have theirs built.
 *
 * @param pointer where the error is, in the statement
 * @param key identifies the error for removing repeats (pointer, keyword location and keyword), without its message
 * @param message builds the message
 */
record Finding(String pointer, String key, Supplier<String> message) {

    /** @return the error as reported */
    ValidationError toValidationError() {
        return new ValidationError(pointer, message.get());
    }
}
