package org.stellaops.attestor.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.stellaops.attestor.core.service.AttestationService.VerifyRequest;
import org.stellaops.attestor.core.service.PolicyService;
import org.stellaops.attestor.store.Provenance;

class PoliciesPageTest {

    private static final String PAGE = "/system/console/attestor-policies";
    private static final Instant T = Instant.parse("2026-05-01T12:00:00Z");

    /** Answers listings from fixed policies per tenant; any other operation fails loudly. */
    static final class FixedPolicies implements PolicyService {
        final List<String> reads = new ArrayList<>();

        @Override
        public List<PolicyInfo> policies(String tenant) {
            reads.add(tenant);
            if (!tenant.equals("tenant-a")) {
                return List.of();
            }
            return List.of(new PolicyInfo("release", 1, 3, false, List.of(
                    version(1, PolicyVersionInfo.ACTIVE, List.of(new Approval("ci#bob", T))),
                    version(2, PolicyVersionInfo.PENDING, List.of()),
                    new PolicyVersionInfo("release", 3, PolicyVersionInfo.PENDING, false, "yaml", "x",
                            "sha256:cc", "ci#<mallory>", T, true, List.of(), "<b>bold</b>"))));
        }

        private static PolicyVersionInfo version(int v, String state, List<Approval> approvals) {
            return new PolicyVersionInfo("release", v, state, false, "json", "{}", "sha256:" + v, "ci#alice", T, true,
                    approvals, "change " + v);
        }

        @Override
        public PolicyVerification verify(VerifyRequest request, PolicyRequest policy, Provenance provenance) {
            throw new UnsupportedOperationException("not used by the page");
        }

        @Override
        public List<PolicyVerifyOutcome> verifyBatch(List<VerifyRequest> requests, PolicyRequest policy,
                                                     Provenance provenance) {
            throw new UnsupportedOperationException("not used by the page");
        }

        @Override
        public PolicyInfo create(PolicyDraft draft, Provenance provenance) {
            throw new UnsupportedOperationException("not used by the page");
        }

        @Override
        public PolicyInfo update(String policyId, PolicyDraft draft, Provenance provenance) {
            throw new UnsupportedOperationException("not used by the page");
        }

        @Override
        public PolicyInfo delete(String policyId, String comment, Provenance provenance) {
            throw new UnsupportedOperationException("not used by the page");
        }

        @Override
        public PolicyInfo approve(String policyId, int version, Provenance provenance) {
            throw new UnsupportedOperationException("not used by the page");
        }

        @Override
        public Optional<PolicyInfo> policy(String tenant, String policyId) {
            throw new UnsupportedOperationException("not used by the page");
        }

        @Override
        public List<StarterResult> loadStarterPolicies(Provenance provenance) {
            throw new UnsupportedOperationException("not used by the page");
        }

        @Override
        public Simulation simulate(String policyId, SimulationRequest request, Provenance provenance) {
            throw new UnsupportedOperationException("not used by the page");
        }
    }

    private final FixedPolicies policies = new FixedPolicies();

    private String render(String configured, String requested) {
        StringWriter html = new StringWriter();
        try (PrintWriter out = new PrintWriter(html)) {
            new PoliciesPage(policies).render(out, new ConsoleScope(configured), requested, PAGE);
        }
        return html.toString();
    }

    @Test
    void listsEveryVersionOfTheRequestedTenantsPoliciesWithStateAndApproval() {
        String html = render("", "tenant-a");
        assertEquals(List.of("tenant-a"), policies.reads);
        assertTrue(html.contains("1 policies of tenant tenant-a: release active v1."), html);
        assertTrue(html.contains("<td>1</td><td>active</td><td>approved by ci#bob</td>"), html);
        assertTrue(html.contains("<td>2</td><td>pending</td><td>awaiting approval</td>"), html);
        assertTrue(html.contains("name='tenant'"), html);
    }

    @Test
    void escapesAuthorsAndComments() {
        String html = render("", "tenant-a");
        assertFalse(html.contains("<b>bold</b>") || html.contains("<mallory>"), html);
        assertTrue(html.contains("&lt;b&gt;bold&lt;/b&gt;"), html);
    }

    @Test
    void asksForATenantWhenTheConsoleIsNotScoped() {
        String html = render("", null);
        assertTrue(policies.reads.isEmpty());
        assertTrue(html.contains("name one to list its policies"), html);
    }

    @Test
    void showsOnlyTheScopedTenantWithoutAFilter() {
        String html = render("tenant-b", "tenant-a");
        assertEquals(List.of("tenant-b"), policies.reads);
        assertFalse(html.contains("name='tenant'"), html);
        assertTrue(html.contains("0 policies of tenant tenant-b."), html);
    }
}
