package org.stellaops.attestor.store;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Versioned verification policies of every tenant, append-only: {@link PolicyVersion}s (documents and tombstones)
 * and {@link PolicyApproval}s. A version is identified by (tenant, policy id, version); of two appends of the same
 * identity — two workers making the next version at once — exactly one succeeds. Reads are scoped to one tenant.
 * Writes are durable when the method returns.
 *
 * @since 5.2
 */
@ConsumerType
public interface PolicyStore {

    /**
     * Stores a new version unless one with the same tenant, policy id and version exists. The caller numbers
     * versions (the next after the newest it read); the store only keeps the identity unique.
     *
     * @param version the new version
     * @return true if stored; false if that version exists (nothing is changed)
     */
    boolean append(PolicyVersion version);

    /**
     * @param tenant the tenant
     * @param policyId the policy's id
     * @param version the version
     * @return that version, if the tenant has it
     */
    Optional<PolicyVersion> get(String tenant, String policyId, int version);

    /**
     * @param tenant the tenant
     * @param policyId the policy's id
     * @return every version of the tenant's policy, oldest first (empty if it never existed)
     */
    List<PolicyVersion> history(String tenant, String policyId);

    /**
     * @param tenant the tenant
     * @return every version of every policy of the tenant, ordered by policy id, then version
     */
    List<PolicyVersion> allVersions(String tenant);

    /**
     * Records an approval unless the same approver approved the same version before.
     *
     * @param approval the approval
     * @return true if recorded; false if that approver had approved that version already
     * @throws IllegalArgumentException if the tenant has no such policy version
     */
    boolean approve(PolicyApproval approval);

    /**
     * @param tenant the tenant
     * @param policyId the policy's id
     * @return every approval of every version of the policy, ordered by version, then time, then approver
     */
    List<PolicyApproval> approvals(String tenant, String policyId);

    /**
     * @return a number that changes whenever any version or approval is added, in any tenant and by any worker
     *         sharing the store (caches of resolved policies key on it)
     */
    long revision();
}
