package org.stellaops.attestor.bench;

/** What the load driver sends. */
public enum LoadMode {
    /** New envelopes to {@code POST /api/v1/rekor/entries}; 201 expected. */
    SUBMIT,
    /**
     * New envelopes, {@code --batch-size} per request, to {@code POST /api/v1/rekor/entries:batch}; 200 with every
     * item created expected.
     */
    BATCH,
    /** {@code {"uuid"}} of entries submitted before the run to {@code POST /api/v1/rekor/verify}; 200 + verified. */
    VERIFY,
    /** Alternating submit and verify, verifying entries submitted before or during the run. */
    MIXED
}
