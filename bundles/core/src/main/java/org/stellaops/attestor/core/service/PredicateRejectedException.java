package org.stellaops.attestor.core.service;

import java.util.List;

import org.stellaops.attestor.api.predicate.ValidationError;
import org.stellaops.attestor.sdk.AttestorException;

/**
 * The predicate handler found the predicate invalid (code {@code predicate.invalid}); carries the precise errors.
 */
public class PredicateRejectedException extends AttestorException {

    private static final long serialVersionUID = 1L;

    /** The stable code. */
    public static final String CODE = "predicate.invalid";

    private final transient List<ValidationError> errors;

    /**
     * @param predicateType the type that was rejected
     * @param errors the handler's errors, at least one
     */
    public PredicateRejectedException(String predicateType, List<ValidationError> errors) {
        super(CODE, "the " + predicateType + " predicate is invalid: " + errors.get(0).pointer() + ": "
                + errors.get(0).message() + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : ""));
        this.errors = List.copyOf(errors);
    }

    /** @return the validation errors */
    public List<ValidationError> errors() {
        return errors;
    }
}
