package org.stellaops.attestor.api.model;

/** Lifecycle state of a key or key version. */
public enum KeyState {
    /** Usable for signing and verification. */
    ACTIVE,
    /** No longer used to sign; still verifies signatures made while it was active. */
    RETIRED,
    /** Must not verify signatures made after its revocation time. */
    REVOKED
}
