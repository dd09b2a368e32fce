package org.stellaops.attestor.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.stellaops.attestor.store.AuditEvent;
import org.stellaops.attestor.store.EntryRecord;
import org.stellaops.attestor.store.Provenance;

class RowsTest {

    private static EntryRecord record(String predicateType) {
        return new EntryRecord("sha256:" + "00".repeat(32), "11".repeat(32), EntryRecord.LOGGED, "22".repeat(32),
                "application/vnd.in-toto+json", "https://in-toto.io/Statement/v1", predicateType, List.of(),
                List.of("k1"), List.of(), Map.of(), "test/1", Instant.parse("2026-01-01T00:00:00Z"),
                new Provenance("test", "anonymous", "127.0.0.1", "tenant-a"));
    }

    private static AuditEvent event(String detail, String tenant) {
        return new AuditEvent(Instant.parse("2026-01-01T00:00:00Z"), "test#ci", "entry.submit", "sha256:00",
                "success", "127.0.0.1", detail, tenant);
    }

    @Test
    void escapesMarkupInProducerControlledFields() {
        String row = Rows.row(record("<script>alert(1)</script>"), "verified");
        assertFalse(row.contains("<script>"));
        assertTrue(row.contains("&lt;script&gt;"));
    }

    @Test
    void marksVerifiedRowsAsOk() {
        assertTrue(Rows.row(record("https://slsa.dev/provenance/v1"), "verified")
                .contains("attestor-ok"));
    }

    @Test
    void marksFailedRowsAsFailed() {
        assertTrue(Rows.row(record("https://slsa.dev/provenance/v1"), "FAILED: x")
                .contains("attestor-failed"));
    }

    @Test
    void showsPendingWhenNoLogEntryExists() {
        assertTrue(Rows.row(record("t"), "verified").contains("pending"));
    }

    @Test
    void namesTheTenantOfEachAttestation() {
        assertTrue(Rows.row(record("t"), "verified").contains("<td>tenant-a</td>"));
    }

    @Test
    void escapesMarkupInAuditEventsAndNamesTheirTenant() {
        String row = Rows.auditRow(event("<img src=x onerror=alert(1)>", "tenant-a"));
        assertFalse(row.contains("<img"));
        assertTrue(row.contains("&lt;img src=x onerror=alert(1)&gt;"));
        assertTrue(row.contains("<td>tenant-a</td>"));
    }

    @Test
    void labelsTheDeploymentsOwnEventsAsTheOperators() {
        assertTrue(Rows.auditRow(event("d", "")).contains("<td>" + Rows.OPERATOR_LABEL + "</td>"));
    }

    @Test
    void escapesQuotesAndAmpersands() {
        assertEquals("&quot;a&amp;b&#39;", Rows.esc("\"a&b'"));
    }
}
