package org.stellaops.attestor.console;

import java.io.PrintWriter;
import java.util.List;
import java.util.stream.Collectors;

import org.stellaops.attestor.core.service.PolicyService;
import org.stellaops.attestor.core.service.PolicyService.PolicyInfo;
import org.stellaops.attestor.core.service.PolicyService.PolicyVersionInfo;

/**
 * The content of "Attestor → Policies": one tenant's verification policies, every version with its state, author
 * and approvals — the scoped tenant's, or the tenant the filter names (policies belong to a tenant and are listed per
 * tenant). Read-only: changes and approvals are made by a tenant's principals through the API (docs/api.md), so that
 * the two-person rule compares real principals. Every value is HTML-escaped.
 */
final class PoliciesPage {

    private final PolicyService policies;

    PoliciesPage(PolicyService policies) {
        this.policies = policies;
    }

    /**
     * @param out where the HTML goes
     * @param scope what the console is configured to show
     * @param requested the page's {@code tenant} parameter, or null
     * @param pageUri the page's path (the filter form's target)
     */
    void render(PrintWriter out, ConsoleScope scope, String requested, String pageUri) {
        ConsoleScope.Selection selection = scope.select(requested);
        if (selection.filter()) {
            out.println(AttestationsPage.filterForm(pageUri, requested));
        }
        if (selection.error() != null) {
            out.println("<p class='statline ui-state-error'>" + Rows.esc(selection.error()) + "</p>");
            return;
        }
        if (selection.tenant() == null) {
            out.println("<p class='statline'>Policies belong to a tenant: name one to list its policies.</p>");
            return;
        }
        List<PolicyInfo> listed = policies.policies(selection.tenant());
        out.println("<p class='statline'>" + Rows.esc(listed.size() + " policies of tenant " + selection.tenant()
                + (listed.isEmpty() ? "." : ": " + listed.stream().map(PoliciesPage::summary)
                        .collect(Collectors.joining("; ")) + ".")) + "</p>");
        out.println("<table id='attestor-policies' class='tablesorter nicetable'><thead><tr>"
                + "<th>Policy</th><th>Version</th><th>State</th><th>Approval</th><th>Author</th><th>Created</th>"
                + "<th>Digest</th><th>Comment</th></tr></thead><tbody>");
        for (PolicyInfo policy : listed) {
            policy.versions().forEach(v -> out.println(row(v)));
        }
        out.println("</tbody></table>");
    }

    static String summary(PolicyInfo policy) {
        return policy.policyId() + " " + (policy.activeVersion() != null ? "active v" + policy.activeVersion()
                : policy.deleted() ? "deleted" : "no active version");
    }

    static String row(PolicyVersionInfo v) {
        String css = switch (v.state()) {
            case PolicyVersionInfo.ACTIVE -> "attestor-ok";
            case PolicyVersionInfo.PENDING -> "attestor-pending";
            default -> "attestor-old";
        };
        return "<tr class='" + css + "'><td>" + Rows.esc(v.policyId()) + "</td><td>" + v.version() + "</td><td>"
                + Rows.esc(v.state()) + "</td><td>" + Rows.esc(approval(v)) + "</td><td>" + Rows.esc(v.author())
                + "</td><td>" + Rows.esc(v.createdAt().toString()) + "</td><td><code>"
                + Rows.esc(v.deleted() ? "(deletion)" : v.digest()) + "</code></td><td>" + Rows.esc(v.comment())
                + "</td></tr>";
    }

    /** @return who approved the version, that it waits, or that it needed no approval */
    static String approval(PolicyVersionInfo v) {
        if (!v.approvalRequired()) {
            return "not required";
        }
        if (v.approvals().isEmpty()) {
            return PolicyVersionInfo.PENDING.equals(v.state()) ? "awaiting approval" : "never approved";
        }
        return "approved by " + v.approvals().stream().map(PolicyService.Approval::approver)
                .collect(Collectors.joining(", "));
    }
}
