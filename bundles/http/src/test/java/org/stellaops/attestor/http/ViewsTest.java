package org.stellaops.attestor.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.stellaops.attestor.api.model.Bytes;
import org.stellaops.attestor.api.model.InclusionProof;
import org.stellaops.attestor.api.model.KeyAlgorithm;
import org.stellaops.attestor.api.model.LogEntry;
import org.stellaops.attestor.api.tlog.LogDescriptor;
import org.stellaops.attestor.api.tlog.LogKeyVersion;
import org.stellaops.attestor.core.service.AttestationService.LogStatus;
import org.stellaops.attestor.core.service.AttestationService.Submission;
import org.stellaops.attestor.core.service.VerificationReport;
import org.stellaops.attestor.store.CoveredEntry;
import org.stellaops.attestor.store.EntryRecord;
import org.stellaops.attestor.store.LogTarget;
import org.stellaops.attestor.store.Provenance;
import org.stellaops.attestor.store.Receipt;
import org.stellaops.attestor.store.SignatureCoverage;
import org.stellaops.attestor.store.TrustedKey;

class ViewsTest {

    private static final String UUID = "ab".repeat(32);
    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

    private static LogEntry entry() {
        return new LogEntry("11".repeat(32), "primary.example", 7, UUID, Bytes.of(new byte[] {1, 2}),
                new InclusionProof(7, 8, Bytes.of(new byte[32]), List.of(), "primary.example\n8\nAAAA\n\n"));
    }

    private static EntryRecord record(LogTarget primary, LogTarget mirror) {
        List<LogTarget> logs = List.of(primary, mirror);
        return new EntryRecord("sha256:" + "cd".repeat(32), UUID, EntryRecord.statusOf(logs), "ef".repeat(32),
                "application/vnd.in-toto+json", "https://in-toto.io/Statement/v1", "https://example/p", List.of(),
                List.of("22".repeat(32)),
                List.of(new SignatureCoverage(0, "22".repeat(32), SignatureCoverage.VIA_RECEIPT, UUID)), logs,
                List.of(new Receipt(0, Bytes.of(new byte[] {3}), Bytes.of(new byte[] {4}), "33".repeat(32))),
                Map.of(), "test/1", T0, new Provenance("POST", "anonymous", "192.0.2.1", "default"));
    }

    private static LogTarget logged(String role) {
        return new LogTarget("11".repeat(32), "primary.example", "embedded", role, LogTarget.LOGGED, 0, 0, null,
                null, List.of(new CoveredEntry(0, SignatureCoverage.VIA_RECEIPT, entry())));
    }

    private static LogTarget pending(String role) {
        return new LogTarget("44".repeat(32), "mirror.example", "rekor-v2", role, LogTarget.PENDING, 2, 0,
                "tlog.unavailable: down", T0.plusSeconds(5), List.of());
    }

    @Test
    void answers201ForANewRecordWhosePrimaryIsLogged() {
        assertEquals(201, Views.submissionStatus(new Submission(
                record(logged(LogTarget.ROLE_PRIMARY), pending(LogTarget.ROLE_MIRROR)), true)));
    }

    @Test
    void answers202ForANewRecordWhosePrimaryIsPending() {
        assertEquals(202, Views.submissionStatus(new Submission(
                record(pending(LogTarget.ROLE_PRIMARY), logged(LogTarget.ROLE_MIRROR)), true)));
    }

    @Test
    void answers202ForADuplicateWhosePrimaryIsStillPending() {
        assertEquals(202, Views.submissionStatus(new Submission(
                record(pending(LogTarget.ROLE_PRIMARY), logged(LogTarget.ROLE_MIRROR)), false)));
    }

    @Test
    void answers200ForADuplicateWhosePrimaryIsLogged() {
        assertEquals(200, Views.submissionStatus(new Submission(
                record(logged(LogTarget.ROLE_PRIMARY), logged(LogTarget.ROLE_MIRROR)), false)));
    }

    @Test
    void rendersTargetsWithTheirEntriesAndTheFlatLogEntries() {
        Map<String, Object> view = Views.record(record(logged(LogTarget.ROLE_PRIMARY), pending(LogTarget.ROLE_MIRROR)));
        assertEquals(EntryRecord.PENDING, view.get("status"));
        assertEquals("/api/v1/rekor/entries/" + UUID, view.get("statusUrl"));
        List<?> logs = (List<?>) view.get("logs");
        Map<?, ?> primary = (Map<?, ?>) logs.get(0);
        assertEquals(List.of("logId", "origin", "kind", "role", "state", "attempts", "rejections", "lastError",
                "nextAttemptAt", "entries"), List.copyOf(primary.keySet()));
        Map<?, ?> covered = (Map<?, ?>) ((List<?>) primary.get("entries")).get(0);
        assertEquals(0, covered.get("signatureIndex"));
        assertEquals("receipt", covered.get("via"));
        assertEquals(7L, covered.get("logIndex"));
        Map<?, ?> mirror = (Map<?, ?>) logs.get(1);
        assertEquals("2026-03-01T12:00:05Z", mirror.get("nextAttemptAt"));
        assertEquals(1, ((List<?>) view.get("logEntries")).size());
        Map<?, ?> receipt = (Map<?, ?>) ((List<?>) view.get("receipts")).get(0);
        assertEquals("Aw==", receipt.get("body"));
    }

    @Test
    void rendersPendingVerificationEntriesWithoutALogIndex() {
        VerificationReport report = VerificationReport.of("sha256:" + "cd".repeat(32),
                List.of(new VerificationReport.Check("signers", true, "1")), VerificationReport.LOGGED_PARTIAL,
                List.of(new VerificationReport.EntryResult("44".repeat(32), "mirror.example", 0, "signature",
                        LogTarget.PENDING, -1, UUID, false, false, false, 0, null, "waiting")));
        Map<String, Object> view = Views.report(report);
        assertEquals("partial", view.get("logged"));
        Map<?, ?> entry = (Map<?, ?>) ((List<?>) view.get("entries")).get(0);
        assertNull(entry.get("logIndex"));
        assertNull(entry.get("fresh"));
        assertEquals("pending", entry.get("state"));
    }

    @Test
    void showsWhetherAKeyIsSharedToEveryoneAndItsTenantToTheOperatorOnly() {
        TrustedKey key = new TrustedKey("55".repeat(32), "release", KeyAlgorithm.ED25519, "PEM", T0, null, "ops", true);
        Map<String, Object> tenantView = Views.trustedKey(key, false);
        assertEquals(true, tenantView.get("shared"));
        assertFalse(tenantView.containsKey("tenant"));
        assertEquals("ops", Views.trustedKey(key, true).get("tenant"));
    }

    @Test
    void showsTheOutboxBacklogOfEveryTenantToTheOperatorOnly() {
        LogStatus status = new LogStatus(new LogDescriptor("11".repeat(32), "primary.example", "embedded", "PEM",
                "/tlog/"), LogTarget.ROLE_PRIMARY, false, 12, "tlog.unavailable: down");
        Map<String, Object> tenantView = Views.log(status, false);
        assertFalse(tenantView.containsKey("pendingTargets"));
        assertEquals(false, tenantView.get("available"));
        assertEquals("tlog.unavailable: down", tenantView.get("lastError"));
        assertEquals(12L, Views.log(status, true).get("pendingTargets"));
    }

    @Test
    void addsTheMonitorsStateToTheLogItReportsOn() {
        List<Map<String, Object>> logs = List.of(Map.of("logId", "aa", "origin", "a.example"),
                Map.of("logId", "bb", "origin", "b.example"));
        List<Map<String, Object>> monitor = List.of(Map.of("logId", "bb", "origin", "b.example", "state", "split-view",
                "lastVerifiedSize", 7L, "lastCheck", "2026-11-28T22:00:00Z", "detail", "two roots for size 7"));
        List<Map<String, Object>> merged = Views.withMonitor(logs, monitor);
        assertNull(merged.get(0).get("monitor"));
        assertEquals(Map.of("state", "split-view", "lastVerifiedSize", 7L, "lastCheck", "2026-11-28T22:00:00Z",
                "detail", "two roots for size 7"), merged.get(1).get("monitor"));
        assertEquals("b.example", merged.get(1).get("origin"));
    }

    @Test
    void listsEveryKeyVersionOfALogOldestFirstWithItsStateAndWindow() {
        Instant rotated = Instant.parse("2026-06-01T00:00:00Z");
        LogKeyVersion first = new LogKeyVersion(1, "11".repeat(32), "PEM1", null, Instant.EPOCH, rotated,
                rotated.plusSeconds(60), "key file leaked");
        LogKeyVersion second = new LogKeyVersion(2, "22".repeat(32), "PEM2", "log.example+22222222+AgAA", rotated,
                null, null, null);
        LogDescriptor d = new LogDescriptor("22".repeat(32), "log.example", "embedded", "PEM2", "/tlog/",
                List.of(first, second));
        Map<String, Object> view = Views.log(d, rotated.plusSeconds(120));
        assertEquals("22".repeat(32), view.get("logId"));
        assertEquals("PEM2", view.get("publicKeyPem"));
        List<?> keys = (List<?>) view.get("keys");
        Map<String, Object> revoked = new LinkedHashMap<>();
        revoked.put("version", 1);
        revoked.put("logId", "11".repeat(32));
        revoked.put("publicKeyPem", "PEM1");
        revoked.put("state", "revoked");
        revoked.put("validFrom", "1970-01-01T00:00:00Z");
        revoked.put("retiredAt", "2026-06-01T00:00:00Z");
        revoked.put("revokedAt", "2026-06-01T00:01:00Z");
        revoked.put("reason", "key file leaked");
        assertEquals(revoked, keys.get(0));
        assertEquals(List.copyOf(revoked.keySet()), List.copyOf(((Map<?, ?>) keys.get(0)).keySet()));
        Map<String, Object> active = new LinkedHashMap<>();
        active.put("version", 2);
        active.put("logId", "22".repeat(32));
        active.put("publicKeyPem", "PEM2");
        active.put("verifierKey", "log.example+22222222+AgAA");
        active.put("state", "active");
        active.put("validFrom", "2026-06-01T00:00:00Z");
        assertEquals(active, keys.get(1));
    }

    @Test
    void showsTheOnlyKeyOfALogThatNeverRotatedAsActiveSinceTheEpoch() {
        Map<String, Object> view = Views.log(new LogDescriptor("33".repeat(32), "log.example", "rekor-v2", "PEM", ""),
                Instant.parse("2026-01-01T00:00:00Z"));
        assertEquals(List.of(Map.of("version", 1, "logId", "33".repeat(32), "publicKeyPem", "PEM", "state", "active",
                "validFrom", "1970-01-01T00:00:00Z")), view.get("keys"));
    }
}
