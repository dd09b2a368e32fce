package org.stellaops.attestor.core.internal;

/**
 * Codes of the policy operations (docs/api.md lists them with their HTTP statuses); front ends compare strings.
 */
final class PolicyErrors {

    /** The tenant has no policy of that id, no such version, or the policy was deleted. */
    static final String NOT_FOUND = "policy.not_found";
    /** The policy has no version that may be used yet: every version waits for approval. */
    static final String NOT_ACTIVE = "policy.not_active";
    /** A new policy with an id the tenant already uses. */
    static final String EXISTS = "policy.exists";
    /** The document's version is not the next version of the policy, or another change came first. */
    static final String VERSION_CONFLICT = "policy.version_conflict";
    /** The document's id is not the id of the policy it is written to. */
    static final String ID_MISMATCH = "policy.id_mismatch";
    /** The two-person rule: the author of a version may not approve it. */
    static final String SELF_APPROVAL = "policy.self_approval";
    /** The version was approved by this principal before, or needs no approval. */
    static final String ALREADY_APPROVED = "policy.already_approved";
    /** A version older than the active one, or a deletion, cannot be approved. */
    static final String NOT_APPROVABLE = "policy.not_approvable";
    /** A simulation over more records than {@code maxSimulationRecords}. */
    static final String SIMULATION_TOO_LARGE = "policy.simulation_too_large";
    /** The request names a media type the policy store does not keep. */
    static final String UNSUPPORTED_FORMAT = "policy.unsupported_format";

    /** Audit action: a policy version was created (also by a change or a deletion). */
    static final String CREATED = "policy.create";
    /** Audit action: a new version of an existing policy. */
    static final String UPDATED = "policy.update";
    /** Audit action: a deletion (tombstone version). */
    static final String DELETED = "policy.delete";
    /** Audit action: an approval. */
    static final String APPROVED = "policy.approve";
    /** Audit action: a simulation. */
    static final String SIMULATED = "policy.simulate";

    private PolicyErrors() {
    }
}
