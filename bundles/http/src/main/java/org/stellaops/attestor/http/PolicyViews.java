package org.stellaops.attestor.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.stellaops.attestor.core.service.PolicyService.PolicyInfo;
import org.stellaops.attestor.core.service.PolicyService.PolicyVersionInfo;
import org.stellaops.attestor.core.service.PolicyService.StarterResult;

/** The JSON views of policies (docs/api.md, "Policies"). */
final class PolicyViews {

    /** Where a policy is served, relative to the host. */
    static final String POLICIES_PATH = "/api/v1/policies/";

    private PolicyViews() {
    }

    /**
     * {@code {"id","activeVersion","latestVersion","deleted","url","versions":[…]}}, each version with its document
     * when {@code documents} is true.
     */
    static Map<String, Object> policy(PolicyInfo info, boolean documents) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", info.policyId());
        m.put("activeVersion", info.activeVersion());
        m.put("latestVersion", info.latestVersion());
        m.put("deleted", info.deleted());
        m.put("url", POLICIES_PATH + info.policyId());
        m.put("versions", info.versions().stream().map(v -> version(v, documents)).toList());
        return m;
    }

    /**
     * {@code {"version","state","deleted","format","digest","author","createdAt","approvalRequired",
     * "approvals":[{"approver","approvedAt"}],"comment","url","document"?}}.
     */
    static Map<String, Object> version(PolicyVersionInfo v, boolean document) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", v.policyId());
        m.put("version", v.version());
        m.put("state", v.state());
        m.put("deleted", v.deleted());
        m.put("format", v.deleted() ? null : v.format());
        m.put("digest", v.deleted() ? null : v.digest());
        m.put("author", v.author());
        m.put("createdAt", v.createdAt().toString());
        m.put("approvalRequired", v.approvalRequired());
        m.put("approvals", v.approvals().stream().map(a -> {
            Map<String, Object> approval = new LinkedHashMap<>();
            approval.put("approver", a.approver());
            approval.put("approvedAt", a.approvedAt().toString());
            return approval;
        }).toList());
        m.put("comment", v.comment());
        m.put("url", POLICIES_PATH + v.policyId() + "/versions/" + v.version());
        if (document) {
            m.put("document", v.deleted() ? null : v.document());
        }
        return m;
    }

    /** {@code {"id","outcome","errors":[{pointer,code,message}]}}. */
    static Map<String, Object> starter(StarterResult result) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", result.policyId());
        m.put("outcome", result.outcome());
        Problems.withProblems(m, result.problems());
        return m;
    }

    static List<Map<String, Object>> starters(List<StarterResult> results) {
        return results.stream().map(PolicyViews::starter).toList();
    }
}
