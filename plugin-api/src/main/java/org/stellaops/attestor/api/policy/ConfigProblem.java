package org.stellaops.attestor.api.policy;

import java.util.Objects;

/**
 * One problem of a rule configuration (or of a policy document, where the engine reports it).
 *
 * @param pointer RFC 6901 JSON Pointer to the offending value, relative to the configuration object ({@code ""} is
 *                the object itself; a missing member is pointed at by its own name, e.g. {@code /min})
 * @param code a stable machine-readable code, one of the constants of this record or a rule's own
 *             {@code policy.*} code
 * @param message what is wrong and what is expected
 */
public record ConfigProblem(String pointer, String code, String message) {

    /** A member that the configuration may not have. */
    public static final String UNKNOWN_MEMBER = "policy.unknown_member";
    /** A required member is absent. */
    public static final String MISSING_MEMBER = "policy.missing_member";
    /** A value of the wrong JSON type. */
    public static final String BAD_TYPE = "policy.bad_type";
    /** A value of the right type that is out of range or malformed. */
    public static final String BAD_VALUE = "policy.bad_value";
    /** The same value listed twice where values must be distinct. */
    public static final String DUPLICATE = "policy.duplicate";
    /** A threshold or quorum that can never be met (for example k greater than the size of the set). */
    public static final String UNSATISFIABLE = "policy.unsatisfiable";
    /** A key reference the environment does not know. */
    public static final String UNKNOWN_KEY = "policy.unknown_key";
    /** A key-set (trust-root) name the environment does not know. */
    public static final String UNKNOWN_KEY_SET = "policy.unknown_key_set";
    /** A transparency log the environment does not know. */
    public static final String UNKNOWN_LOG = "policy.unknown_log";
    /** A witness the environment does not know. */
    public static final String UNKNOWN_WITNESS = "policy.unknown_witness";

    /**
     * @param pointer not null
     * @param code not null
     * @param message not null
     */
    public ConfigProblem {
        Objects.requireNonNull(pointer, "pointer");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        if (!pointer.isEmpty() && !pointer.startsWith("/")) {
            throw new IllegalArgumentException("a JSON Pointer is empty or starts with '/': " + pointer);
        }
    }
}
