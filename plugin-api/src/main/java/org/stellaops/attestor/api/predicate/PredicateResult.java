package org.stellaops.attestor.api.predicate;

import java.util.List;
import java.util.Map;

/**
 * The outcome of {@link PredicateHandler#validate}: either valid with extracted facts, or invalid with errors.
 */
public sealed interface PredicateResult {

    /**
     * The predicate is valid.
     *
     * @param facts extracted facts, JSON-compatible values (String, Number, Boolean, List, Map); stored as derived
     *              data beside the envelope and indexed for search
     * @param warnings non-fatal findings to report to the submitter
     */
    record Valid(Map<String, Object> facts, List<ValidationError> warnings) implements PredicateResult {
        /**
         * Copies the collections.
         *
         * @param facts not null
         * @param warnings not null
         */
        public Valid {
            facts = Map.copyOf(facts);
            warnings = List.copyOf(warnings);
        }
    }

    /**
     * The predicate is invalid; the submission is rejected with these errors.
     *
     * @param errors at least one error
     */
    record Invalid(List<ValidationError> errors) implements PredicateResult {
        /**
         * Copies the errors and requires at least one.
         *
         * @param errors not empty
         */
        public Invalid {
            errors = List.copyOf(errors);
            if (errors.isEmpty()) {
                throw new IllegalArgumentException("an invalid result needs at least one error");
            }
        }
    }

    /**
     * Shorthand for a valid result with facts and no warnings.
     *
     * @param facts the facts
     * @return a valid result
     */
    static PredicateResult valid(Map<String, Object> facts) {
        return new Valid(facts, List.of());
    }

    /**
     * Shorthand for an invalid result.
     *
     * @param errors at least one error
     * @return an invalid result
     */
    static PredicateResult invalid(List<ValidationError> errors) {
        return new Invalid(errors);
    }
}
