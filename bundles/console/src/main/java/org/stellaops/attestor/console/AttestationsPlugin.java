package org.stellaops.attestor.console;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.apache.felix.webconsole.servlet.AbstractServlet;
import org.apache.felix.webconsole.servlet.ServletConstants;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.stellaops.attestor.api.model.LogEntry;
import org.stellaops.attestor.core.service.AttestationService;
import org.stellaops.attestor.core.service.VerificationReport;
import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.store.EntryRecord;
import org.stellaops.attestor.store.Provenance;

/**
 * Felix web console page "Attestor → Attestations": the most recent attestations with their log position and the
 * outcome of a fresh verification of signatures, inclusion proofs and checkpoint signatures.
 */
@Component(service = Servlet.class, property = {
        ServletConstants.PLUGIN_LABEL + "=attestor-entries",
        ServletConstants.PLUGIN_TITLE + "=Attestations",
        ServletConstants.PLUGIN_CATEGORY + "=Attestor"})
public class AttestationsPlugin extends AbstractServlet {

    private static final long serialVersionUID = 1L;
    /** Each row is verified afresh; keep the page cheap. */
    static final int ROWS = 25;

    @Reference
    private transient AttestationService service;

    @Override
    public void renderContent(HttpServletRequest request, HttpServletResponse response) throws IOException {
        List<EntryRecord> recent = service.recent(ROWS);
        Provenance console = new Provenance("console " + request.getRequestURI(),
                String.valueOf(request.getRemoteUser() == null ? "console" : request.getRemoteUser()),
                String.valueOf(request.getRemoteAddr()));
        PrintWriter out = response.getWriter();
        out.println("<p class='statline'>" + service.health().entries() + " attestations stored; showing the newest "
                + recent.size() + ".</p>");
        out.println("<table id='attestor-entries' class='tablesorter nicetable'><thead><tr>"
                + "<th>Created</th><th>UUID</th><th>Predicate type</th><th>Signers</th><th>Log</th>"
                + "<th>Proof status</th></tr></thead><tbody>");
        for (EntryRecord record : recent) {
            out.println(Rows.row(record, status(record, console)));
        }
        out.println("</tbody></table>");
    }

    private String status(EntryRecord record, Provenance console) {
        try {
            VerificationReport report = service.verifyStored(record.envelopeDigest(), console);
            return report.verified() ? "verified"
                    : "FAILED: " + report.checks().stream().filter(c -> !c.ok()).findFirst()
                            .map(c -> c.check() + " " + c.detail()).orElse("");
        } catch (AttestorException e) {
            return "FAILED: " + e.code();
        }
    }

    /** Row rendering, kept apart so it can be tested without a servlet container. */
    static final class Rows {
        private Rows() {
        }

        static String row(EntryRecord record, String status) {
            String log = record.logEntries().isEmpty() ? "pending" : logText(record.logEntries().get(0));
            String css = status.equals("verified") ? "attestor-ok" : "attestor-failed";
            return "<tr class='" + css + "'><td>" + esc(record.createdAt().toString()) + "</td><td><code>"
                    + esc(record.uuid()) + "</code></td><td>" + esc(record.predicateType()) + "</td><td>"
                    + record.signerKeyIds().size() + "</td><td>" + esc(log) + "</td><td>" + esc(status) + "</td></tr>";
        }

        private static String logText(LogEntry entry) {
            return entry.origin() + " #" + entry.logIndex() + " (tree " + entry.inclusionProof().treeSize() + ")";
        }

        static String esc(String text) {
            StringBuilder sb = new StringBuilder(text.length());
            for (char c : text.toCharArray()) {
                switch (c) {
                    case '<' -> sb.append("&lt;");
                    case '>' -> sb.append("&gt;");
                    case '&' -> sb.append("&amp;");
                    case '"' -> sb.append("&quot;");
                    case '\'' -> sb.append("&#39;");
                    default -> sb.append(c);
                }
            }
            return sb.toString();
        }
    }
}
