package org.stellaops.attestor.core.service;

import java.util.List;
import java.util.Objects;

import org.stellaops.attestor.sdk.AttestorException;

/**
 * A policy document that does not validate (code {@code policy.invalid}); carries every problem with a JSON Pointer
 * into the document.
 *
 * @since core.service 2.3
 */
public class PolicyInvalidException extends AttestorException {

    private static final long serialVersionUID = 1L;

    /** The stable code. */
    public static final String CODE = "policy.invalid";

    /**
     * One problem of the document.
     *
     * @param pointer RFC 6901 JSON Pointer into the document ({@code ""}: the document itself)
     * @param code the problem's stable code, for example {@code policy.unknown_key_set}
     * @param message what is wrong
     */
    public record Problem(String pointer, String code, String message) {
        /**
         * @param pointer not null
         * @param code not null
         * @param message not null
         */
        public Problem {
            Objects.requireNonNull(pointer, "pointer");
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(message, "message");
        }
    }

    private final transient List<Problem> problems;

    /**
     * @param problems every problem, at least one
     */
    public PolicyInvalidException(List<Problem> problems) {
        super(CODE, "the policy document is invalid: " + describe(problems.get(0))
                + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : ""));
        this.problems = List.copyOf(problems);
    }

    private static String describe(Problem p) {
        return (p.pointer().isEmpty() ? "the document" : p.pointer()) + ": " + p.message() + " (" + p.code() + ")";
    }

    /** @return every problem, in document order */
    public List<Problem> problems() {
        return problems;
    }
}
