package org.stellaops.attestor.core.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.stellaops.attestor.core.service.PolicyService.Approval;
import org.stellaops.attestor.core.service.PolicyService.PolicyInfo;
import org.stellaops.attestor.core.service.PolicyService.PolicyVersionInfo;
import org.stellaops.attestor.store.PolicyApproval;
import org.stellaops.attestor.store.PolicyVersion;

/**
 * The state of a policy, derived from its immutable versions and their approvals. A document version is
 * <em>usable</em> when it needs no approval or a principal other than its author approved it. Reading versions
 * from the newest down, the first tombstone or usable version decides: a usable one is the active version, a
 * tombstone means the policy is deleted. Versions below it are superseded; versions above it wait for approval.
 */
final class PolicyStates {

    private PolicyStates() {
    }

    /**
     * @param version a document version
     * @param approvals approvals of the policy
     * @return whether the version may be used
     */
    static boolean usable(PolicyVersion version, List<PolicyApproval> approvals) {
        return !version.deleted() && (!version.approvalRequired() || approvals.stream().anyMatch(a ->
                a.version() == version.version() && !a.approver().equals(version.author())));
    }

    /**
     * @param history every version, oldest first (not empty)
     * @param approvals every approval of the policy
     * @return the policy with every version's state
     */
    static PolicyInfo of(List<PolicyVersion> history, List<PolicyApproval> approvals) {
        int deciding = deciding(history, approvals);
        PolicyVersion decider = deciding < 0 ? null : history.get(deciding);
        Map<Integer, List<Approval>> byVersion = approvals.stream().collect(Collectors.groupingBy(
                PolicyApproval::version, Collectors.mapping(a -> new Approval(a.approver(), a.approvedAt()),
                        Collectors.toList())));
        List<PolicyVersionInfo> versions = new ArrayList<>();
        for (int i = 0; i < history.size(); i++) {
            PolicyVersion v = history.get(i);
            String state = i == deciding ? (v.deleted() ? PolicyVersionInfo.DELETED : PolicyVersionInfo.ACTIVE)
                    : i < deciding ? (v.deleted() ? PolicyVersionInfo.DELETED : PolicyVersionInfo.SUPERSEDED)
                    : PolicyVersionInfo.PENDING;
            versions.add(new PolicyVersionInfo(v.policyId(), v.version(), state, v.deleted(), v.format(),
                    v.document(), v.digest(), v.author(), v.createdAt(), v.approvalRequired(),
                    byVersion.getOrDefault(v.version(), List.of()), v.comment()));
        }
        PolicyVersion latest = history.get(history.size() - 1);
        boolean deleted = decider != null && decider.deleted();
        Integer active = decider == null || decider.deleted() ? null : decider.version();
        return new PolicyInfo(latest.policyId(), active, latest.version(), deleted, versions);
    }

    /** @return the index of the newest tombstone or usable version, or -1 */
    private static int deciding(List<PolicyVersion> history, List<PolicyApproval> approvals) {
        for (int i = history.size() - 1; i >= 0; i--) {
            PolicyVersion v = history.get(i);
            if (v.deleted() || usable(v, approvals)) {
                return i;
            }
        }
        return -1;
    }
}
