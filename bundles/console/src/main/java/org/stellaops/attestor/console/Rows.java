package org.stellaops.attestor.console;

import org.stellaops.attestor.api.model.LogEntry;
import org.stellaops.attestor.store.AuditEvent;
import org.stellaops.attestor.store.EntryRecord;

/** Row rendering of the Attestations page, kept apart so it can be tested without a servlet container. */
final class Rows {

    /** How the tenant column shows the deployment's own events (tenant {@code ""}). */
    static final String OPERATOR_LABEL = "(operator)";

    private Rows() {
    }

    /** One attestation: created, tenant, uuid, predicate type, signer count, log position, proof status. */
    static String row(EntryRecord record, String status) {
        String log = record.logEntries().isEmpty() ? "pending" : logText(record.logEntries().get(0));
        String css = status.equals("verified") ? "attestor-ok" : "attestor-failed";
        return "<tr class='" + css + "'><td>" + esc(record.createdAt().toString()) + "</td><td>"
                + esc(tenant(record.tenant())) + "</td><td><code>" + esc(record.uuid()) + "</code></td><td>"
                + esc(record.predicateType()) + "</td><td>" + record.signerKeyIds().size() + "</td><td>" + esc(log)
                + "</td><td>" + esc(status) + "</td></tr>";
    }

    /** One audit event: time, tenant, actor, action, target, outcome, address, detail. */
    static String auditRow(AuditEvent event) {
        String css = event.outcome().equals("success") ? "attestor-ok" : "attestor-failed";
        return "<tr class='" + css + "'><td>" + esc(event.time().toString()) + "</td><td>"
                + esc(tenant(event.tenant())) + "</td><td>" + esc(event.actor()) + "</td><td>" + esc(event.action())
                + "</td><td><code>" + esc(event.target()) + "</code></td><td>" + esc(event.outcome()) + "</td><td>"
                + esc(event.remoteAddress()) + "</td><td>" + esc(event.detail()) + "</td></tr>";
    }

    private static String tenant(String tenant) {
        return tenant.isEmpty() ? OPERATOR_LABEL : tenant;
    }

    private static String logText(LogEntry entry) {
        return entry.origin() + " #" + entry.logIndex() + " (tree " + entry.inclusionProof().treeSize() + ")";
    }

    /** @return the text with every character that means something in HTML (text or attribute) escaped */
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
