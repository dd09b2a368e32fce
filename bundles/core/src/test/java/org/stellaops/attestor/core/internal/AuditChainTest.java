package org.stellaops.attestor.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stellaops.attestor.api.tlog.TransparencyLogException;
import org.stellaops.attestor.core.service.AttestationService.AuditAnchor;
import org.stellaops.attestor.core.service.AttestationService.AuditVerification;
import org.stellaops.attestor.sdk.crypto.PublicKeys;
import org.stellaops.attestor.store.AuditEvent;
import org.stellaops.attestor.store.ChainedAuditEvent;

class AuditChainTest {

    @TempDir
    Path directory;

    private Harness harness;
    private final TestLog primary = new TestLog("primary.test");

    @AfterEach
    void stop() {
        primary.mode(TestLog.Mode.UP);
        harness.close();
    }

    private Harness start(Harness.Settings settings, boolean withLog) {
        harness = new Harness(directory, settings);
        if (withLog) {
            harness.addLog(primary, "primary");
        }
        return harness;
    }

    /** Writes {@code count} audit events (trusted keys added). */
    private void events(int count) {
        for (int i = 0; i < count; i++) {
            harness.core.addTrustedKey("key " + i, PublicKeys.toPem(TestKeys.p256().getPublic()), false,
                    Harness.WHO);
        }
    }

    private AuditVerification verifyAudit() {
        return harness.core.verifyAudit(null, Harness.WHO);
    }

    private static AuditEvent forged(ChainedAuditEvent original) {
        AuditEvent e = original.event();
        return new AuditEvent(e.time(), "mallory", e.action(), e.target(), e.outcome(), e.remoteAddress(), e.detail(),
                e.tenant());
    }

    @Test
    void reportsAnIntactChainWithItsHead() {
        start(Harness.Settings.defaults(), false);
        events(3);
        AuditVerification result = verifyAudit();
        assertTrue(result.intact(), result::toString);
        assertEquals(3, result.checked());
        assertEquals(3, result.headSeq());
        assertEquals(harness.audit.chain(3, 1).get(0).hash(), result.headHash());
        assertEquals(0, result.firstBrokenSeq());
    }

    @Test
    void reportsTheFirstEventThatWasAltered() {
        start(Harness.Settings.defaults(), false);
        events(4);
        harness.audit.tamper(2, forged(harness.audit.chain(2, 1).get(0)));
        AuditVerification result = verifyAudit();
        assertFalse(result.intact());
        assertEquals(2, result.firstBrokenSeq());
        assertTrue(result.reason().contains("altered"), result.reason());
        assertEquals(4, result.checked());
    }

    @Test
    void auditsTheVerificationOfTheChainWithItsVerdict() {
        start(Harness.Settings.defaults(), false);
        events(2);
        verifyAudit();
        harness.audit.tamper(1, forged(harness.audit.chain(1, 1).get(0)));
        verifyAudit();
        ChainedAuditEvent last = harness.audit.head().orElseThrow();
        ChainedAuditEvent before = harness.audit.chain(last.seq() - 1, 1).get(0);
        assertEquals(CoreCodes.AUDIT_VERIFY, before.event().action());
        assertEquals(Auditor.SUCCESS, before.event().outcome());
        assertEquals(CoreCodes.AUDIT_VERIFY, last.event().action());
        assertEquals(CoreCodes.AUDIT_BROKEN, last.event().outcome());
    }

    @Test
    void verifiesAnAnchorOfTheChainHead() {
        start(Harness.Settings.defaults(), true);
        events(3);
        ChainedAuditEvent anchorEvent = harness.core.anchors().anchorIfMoved().orElseThrow();
        assertEquals(Auditor.SUCCESS, anchorEvent.event().outcome(), anchorEvent::toString);
        AuditVerification result = verifyAudit();
        assertTrue(result.intact(), result::toString);
        AuditAnchor anchor = result.anchors().get(0);
        assertEquals(3, anchor.seq());
        assertEquals(harness.audit.chain(3, 1).get(0).hash(), anchor.hash());
        assertEquals(primary.descriptor().logId(), anchor.logId());
        assertTrue(anchor.matchesChain());
        assertTrue(anchor.proofVerified());
    }

    @Test
    void reportsAnAnchoredEventRewrittenWithFreshHashesAsNotMatchingTheChain() {
        start(Harness.Settings.defaults(), true);
        events(3);
        harness.core.anchors().anchorIfMoved().orElseThrow();
        harness.audit.rewrite(2, forged(harness.audit.chain(2, 1).get(0)));
        AuditVerification result = verifyAudit();
        assertEquals(0, result.firstBrokenSeq(), "every link was recomputed");
        AuditAnchor anchor = result.anchors().get(0);
        assertFalse(anchor.matchesChain());
        assertTrue(anchor.proofVerified(), "the log still holds what was anchored");
        assertFalse(result.intact());
    }

    @Test
    void refusesAnAnchorClaimingAnotherHeadThanItsLogEntryCommitsTo() {
        start(Harness.Settings.defaults(), true);
        events(3);
        ChainedAuditEvent anchorEvent = harness.core.anchors().anchorIfMoved().orElseThrow();
        ChainedAuditEvent second = harness.audit.chain(2, 1).get(0);
        AuditEvent e = anchorEvent.event();
        String claimed = e.detail().replace("\"seq\":3", "\"seq\":2")
                .replace(harness.audit.chain(3, 1).get(0).hash(), second.hash());
        harness.audit.rewrite(anchorEvent.seq(), new AuditEvent(e.time(), e.actor(), e.action(), e.target(),
                e.outcome(), e.remoteAddress(), claimed, e.tenant()));
        AuditAnchor anchor = verifyAudit().anchors().get(0);
        assertEquals(2, anchor.seq());
        assertTrue(anchor.matchesChain());
        assertFalse(anchor.proofVerified());
    }

    @Test
    void doesNotAnchorAHeadThatIsAlreadyAnchored() {
        start(Harness.Settings.defaults(), true);
        events(1);
        assertTrue(harness.core.anchors().anchorIfMoved().isPresent());
        assertEquals(Optional.empty(), harness.core.anchors().anchorIfMoved());
        assertEquals(1, primary.size());
    }

    @Test
    void skipsAnchoringWithoutAPrimaryLog() {
        start(Harness.Settings.defaults(), false);
        events(1);
        assertEquals(Optional.empty(), harness.core.anchors().anchorIfMoved());
        assertEquals(1, harness.audit.eventCount());
    }

    @Test
    void skipsAnchoringWithoutAServiceKey() {
        start(Harness.Settings.defaults(), true);
        events(1);
        harness.drivers.unbind(harness.keyDriver);
        assertEquals(Optional.empty(), harness.core.anchors().anchorIfMoved());
        assertEquals(0, primary.size());
    }

    @Test
    void auditsAnAnchoringTheLogRefused() {
        start(Harness.Settings.defaults(), true);
        events(1);
        primary.mode(TestLog.Mode.DOWN);
        ChainedAuditEvent failed = harness.core.anchors().anchorIfMoved().orElseThrow();
        assertEquals(CoreCodes.AUDIT_ANCHOR, failed.event().action());
        assertEquals(TransparencyLogException.UNAVAILABLE, failed.event().outcome());
    }

    @Test
    void anchorsTheChainPeriodicallyWhenConfigured() {
        start(Harness.Settings.defaults().with("auditAnchorIntervalMillis", 20L), true);
        events(1);
        Harness.await("an anchor", () -> harness.audit.actions().contains(CoreCodes.AUDIT_ANCHOR));
        assertTrue(verifyAudit().anchors().get(0).proofVerified());
    }

    @Test
    void reportsAnEmptyTrailAsIntact() {
        start(Harness.Settings.defaults(), false);
        AuditVerification result = verifyAudit();
        assertTrue(result.intact());
        assertEquals(0, result.headSeq());
        assertEquals(0, result.checked());
        assertEquals(List.of(CoreCodes.AUDIT_VERIFY), harness.audit.actions());
    }

    @Test
    void securityEventsFromFrontEndsJoinTheChain() {
        start(Harness.Settings.defaults(), false);
        harness.core.recordSecurityEvent("auth.authenticate", "POST /api/v1/rekor/entries", "auth.token_expired",
                "the token expired", Harness.WHO);
        Harness.await("the security event is written", () -> harness.audit.head().isPresent());
        ChainedAuditEvent written = harness.audit.chain(1, 1).get(0);
        assertEquals("auth.authenticate", written.event().action());
        assertEquals("auth.token_expired", written.event().outcome());
        assertEquals(Harness.WHO.principal(), written.event().actor());
        assertTrue(verifyAudit().intact());
    }
}
