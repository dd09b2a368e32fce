package org.stellaops.attestor.policy;

import java.util.Objects;

/**
 * One problem of a policy document.
 *
 * @param pointer RFC 6901 JSON Pointer into the document ({@code ""} for the document itself; a missing member is
 *                pointed at by its own name, e.g. {@code /rules/0/config/min})
 * @param code stable code: one of {@link PolicyCodes}, a {@link org.stellaops.attestor.api.policy.ConfigProblem}
 *             code, a {@code json.*} parse code, or a custom rule's own {@code policy.*} code
 * @param message what is wrong and what is expected
 */
public record PolicyProblem(String pointer, String code, String message) {

    /**
     * @param pointer not null
     * @param code not null
     * @param message not null
     */
    public PolicyProblem {
        Objects.requireNonNull(pointer, "pointer");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }
}
