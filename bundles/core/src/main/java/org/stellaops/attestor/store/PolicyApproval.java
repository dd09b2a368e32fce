package org.stellaops.attestor.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A principal's approval of one policy version (the two-person rule: see {@link PolicyVersion#approvalRequired()}).
 *
 * @param tenant the tenant that owns the policy
 * @param policyId the policy's id
 * @param version the approved version
 * @param approver the approving principal
 * @param approvedAt when
 * @since 5.2
 */
public record PolicyApproval(String tenant, String policyId, int version, String approver, Instant approvedAt) {

    /**
     * @param tenant a tenant name or {@link Tenants#OPERATOR}
     * @param policyId a policy id
     * @param version at least 1
     * @param approver not empty
     * @param approvedAt not null
     */
    public PolicyApproval {
        Tenants.require(tenant);
        if (!PolicyVersion.isPolicyId(policyId)) {
            throw new IllegalArgumentException("not a policy id: " + policyId);
        }
        if (version < 1) {
            throw new IllegalArgumentException("policy versions start at 1");
        }
        if (Objects.requireNonNull(approver, "approver").isEmpty()) {
            throw new IllegalArgumentException("an approval names its approver");
        }
        Objects.requireNonNull(approvedAt, "approvedAt");
    }
}
