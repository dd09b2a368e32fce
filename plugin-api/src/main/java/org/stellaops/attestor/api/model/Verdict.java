package org.stellaops.attestor.api.model;

/** Outcome of one check or rule. */
public enum Verdict {
    /** The check held. */
    PASS,
    /** The check failed. */
    FAIL,
    /** The check did not apply to this attestation. */
    NOT_APPLICABLE
}
