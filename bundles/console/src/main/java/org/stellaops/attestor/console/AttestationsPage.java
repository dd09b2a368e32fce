package org.stellaops.attestor.console;

import java.io.PrintWriter;
import java.util.List;

import org.stellaops.attestor.core.service.AttestationService;
import org.stellaops.attestor.core.service.VerificationReport;
import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.store.AuditEvent;
import org.stellaops.attestor.store.EntryRecord;
import org.stellaops.attestor.store.Provenance;

/**
 * The content of "Attestor → Attestations": the newest attestations (each verified afresh) and the newest audit
 * events, of every tenant with a tenant column and filter, or of the one tenant the console is scoped to. Every
 * value that comes from a producer, a caller or the request is HTML-escaped.
 */
final class AttestationsPage {

    /** Each row is verified afresh; keep the page cheap. */
    static final int ROWS = 25;
    /** Audit events shown. */
    static final int EVENTS = 50;

    private final AttestationService service;

    AttestationsPage(AttestationService service) {
        this.service = service;
    }

    /**
     * @param out where the HTML goes
     * @param scope what the console is configured to show
     * @param requested the page's {@code tenant} parameter, or null
     * @param pageUri the page's path (the filter form's target)
     * @param user the console user, for the audit events of the verifications
     * @param address the client address
     */
    void render(PrintWriter out, ConsoleScope scope, String requested, String pageUri, String user, String address) {
        ConsoleScope.Selection selection = scope.select(requested);
        if (selection.filter()) {
            out.println(filterForm(pageUri, requested));
        }
        if (selection.error() != null) {
            out.println("<p class='statline ui-state-error'>" + Rows.esc(selection.error()) + "</p>");
            return;
        }
        String tenant = selection.tenant();
        List<EntryRecord> recent = service.recent(tenant, ROWS);
        out.println("<p class='statline'>" + Rows.esc(summary(tenant, recent.size())) + "</p>");
        out.println("<table id='attestor-entries' class='tablesorter nicetable'><thead><tr>"
                + "<th>Created</th><th>Tenant</th><th>UUID</th><th>Predicate type</th><th>Signers</th><th>Log</th>"
                + "<th>Proof status</th></tr></thead><tbody>");
        for (EntryRecord record : recent) {
            out.println(Rows.row(record, status(record, pageUri, user, address)));
        }
        out.println("</tbody></table>");
        List<AuditEvent> events = service.auditEvents(tenant, EVENTS);
        out.println("<p class='statline'>The newest " + events.size() + " audit events"
                + (tenant == null ? " of every tenant" : " of tenant " + Rows.esc(tenant)) + ".</p>");
        out.println("<table id='attestor-audit' class='tablesorter nicetable'><thead><tr>"
                + "<th>Time</th><th>Tenant</th><th>Actor</th><th>Action</th><th>Target</th><th>Outcome</th>"
                + "<th>Address</th><th>Detail</th></tr></thead><tbody>");
        events.forEach(event -> out.println(Rows.auditRow(event)));
        out.println("</tbody></table>");
    }

    private String summary(String tenant, int shown) {
        if (tenant == null) {
            return "Showing the newest " + shown + " attestations of every tenant.";
        }
        return service.stats(tenant).entries() + " attestations stored for tenant " + tenant + "; showing the newest "
                + shown + ".";
    }

    static String filterForm(String pageUri, String requested) {
        String value = requested == null ? "" : requested;
        return "<form method='get' action='" + Rows.esc(pageUri) + "' class='statline'>"
                + "<label>Tenant <input type='text' name='tenant' maxlength='128' value='" + Rows.esc(value)
                + "'></label> <button type='submit'>Filter</button> <a href='" + Rows.esc(pageUri)
                + "'>every tenant</a></form>";
    }

    /**
     * Verifies the record as its own tenant: a record verifies with its tenant's trust roots (and shared keys)
     * only, and the core finds a record only for its tenant. The verification's audit event is therefore the
     * tenant's, which shows the tenant that the console looked at its record.
     */
    private String status(EntryRecord record, String pageUri, String user, String address) {
        try {
            VerificationReport report = service.verifyStored(record.envelopeDigest(),
                    new Provenance("console " + pageUri, user, address, record.tenant()));
            return report.verified() ? "verified"
                    : "FAILED: " + report.checks().stream().filter(c -> !c.ok()).findFirst()
                            .map(c -> c.check() + " " + c.detail()).orElse("");
        } catch (AttestorException e) {
            return "FAILED: " + e.code();
        }
    }
}
