package org.stellaops.attestor.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.stellaops.attestor.core.service.AttestationService.AuditAnchor;
import org.stellaops.attestor.core.service.AttestationService.AuditVerification;
import org.stellaops.attestor.core.service.AttestationService.CacheStats;
import org.stellaops.attestor.core.service.AttestationService.Stats;
import org.stellaops.attestor.store.AuditChain;

class StatusViewsTest {

    private static final String HASH = "ef".repeat(32);

    @Test
    void rendersAnIntactChainWithItsHeadAndNoBrokenLink() {
        Map<String, Object> view = StatusViews.auditVerification(new AuditVerification(true, 12, 12, HASH, 0, "",
                List.of()));
        assertEquals(List.of("intact", "checked", "head", "firstBroken", "anchors"), List.copyOf(view.keySet()));
        assertEquals(true, view.get("intact"));
        assertEquals(12L, view.get("checked"));
        assertEquals(Map.of("seq", 12L, "hash", HASH), view.get("head"));
        assertNull(view.get("firstBroken"));
        assertEquals(List.of(), view.get("anchors"));
    }

    @Test
    void namesTheFirstBrokenLinkAndWhy() {
        Map<String, Object> view = StatusViews.auditVerification(new AuditVerification(false, 5, 9, HASH, 5,
                "event 5 does not match its hash (it was altered)", List.of()));
        assertEquals(false, view.get("intact"));
        assertEquals(Map.of("seq", 5L, "reason", "event 5 does not match its hash (it was altered)"),
                view.get("firstBroken"));
    }

    @Test
    void rendersEveryAnchorWithWhatWasChecked() {
        AuditAnchor anchor = new AuditAnchor(8, HASH, "11".repeat(32), "22".repeat(32), 41, true, false);
        Map<String, Object> view = StatusViews.auditVerification(new AuditVerification(false, 9, 9, HASH, 0, "",
                List.of(anchor)));
        assertEquals(List.of(Map.of("seq", 8L, "hash", HASH, "logId", "11".repeat(32), "uuid", "22".repeat(32),
                "logIndex", 41L, "matchesChain", true, "proofVerified", false)), view.get("anchors"));
    }

    @Test
    void rendersAnEmptyTrailWithTheGenesisHash() {
        Map<String, Object> view = StatusViews.auditVerification(new AuditVerification(true, 0, 0,
                AuditChain.GENESIS, 0, "", List.of()));
        assertEquals(Map.of("seq", 0L, "hash", AuditChain.GENESIS), view.get("head"));
    }

    @Test
    void putsTheCacheCountersInTheirOwnSectionBesideTheTenantsFigures() {
        Map<String, Object> view = StatusViews.stats(new Stats("default", 9, 2), new CacheStats(3, 4, 2, 1));
        assertEquals(List.of("tenant", "entries", "trustedKeys", "verificationCache"), List.copyOf(view.keySet()));
        assertEquals(9L, view.get("entries"));
        assertEquals(Map.of("hits", 3L, "misses", 4L, "entries", 2L, "invalidations", 1L),
                view.get("verificationCache"));
    }

    @Test
    void leavesTheSharedCacheCountersOutOfATenantsFigures() {
        assertEquals(Map.of("tenant", "default", "entries", 9L, "trustedKeys", 2L),
                StatusViews.stats(new Stats("default", 9, 2), null));
    }

    @Test
    void reducesATenantsChainCheckToWhetherItHoldsAndHowManyOfItsEventsWereChecked() {
        Map<String, Object> intact = StatusViews.tenantAuditVerification(new AuditVerification(true, 4, 0, "", 0, "",
                List.of()));
        assertEquals(Map.of("intact", true, "checked", 4L, "reason", ""), intact);
        Map<String, Object> broken = StatusViews.tenantAuditVerification(new AuditVerification(false, 4, 0, "", 0,
                "the audit chain is broken; the operator can see where", List.of()));
        assertEquals("the audit chain is broken; the operator can see where", broken.get("reason"));
        assertEquals(List.of("intact", "checked", "reason"), List.copyOf(broken.keySet()));
    }
}
