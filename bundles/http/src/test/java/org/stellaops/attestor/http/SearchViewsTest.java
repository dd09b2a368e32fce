package org.stellaops.attestor.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.stellaops.attestor.store.AuditChain;
import org.stellaops.attestor.store.AuditEvent;
import org.stellaops.attestor.store.AuditPage;
import org.stellaops.attestor.store.ChainedAuditEvent;
import org.stellaops.attestor.store.EntryPage;
import org.stellaops.attestor.store.EntryRecord;
import org.stellaops.attestor.store.LogTarget;

class SearchViewsTest {

    private static final AuditEvent EVENT = new AuditEvent(Instant.parse("2026-03-01T12:00:00Z"), "anonymous",
            "entry.submit", "sha256:" + "ab".repeat(32), "success", "127.0.0.1", "created", "");

    @Test
    void listsRecordsAsTheFetchViewWithoutTheEnvelope() {
        EntryRecord record = Fixtures.record("ab".repeat(32), LogTarget.LOGGED);
        Map<String, Object> view = SearchViews.entries(new EntryPage(List.of(record), "next-page"));
        assertEquals(List.of(Views.record(record)), view.get("entries"));
        assertFalse(((Map<?, ?>) ((List<?>) view.get("entries")).get(0)).containsKey("envelope"));
        assertEquals("next-page", view.get("nextCursor"));
    }

    @Test
    void saysNullWhenThereIsNoFurtherPage() {
        Map<String, Object> view = SearchViews.entries(new EntryPage(List.of(), null));
        assertEquals(List.of("entries", "nextCursor"), List.copyOf(view.keySet()));
        assertNull(view.get("nextCursor"));
        assertNull(SearchViews.audit(new AuditPage(List.of(), 0)).get("next"));
    }

    @Test
    void rendersAnAuditEventWithItsPlaceInTheChainFirst() {
        ChainedAuditEvent chained = AuditChain.link(null, EVENT);
        Map<String, Object> view = SearchViews.auditEvent(chained);
        assertEquals(List.of("seq", "previousHash", "hash", "time", "actor", "action", "target", "outcome",
                "remoteAddress", "detail"), List.copyOf(view.keySet()));
        assertEquals(1L, view.get("seq"));
        assertEquals(AuditChain.GENESIS, view.get("previousHash"));
        assertEquals(chained.hash(), view.get("hash"));
        assertEquals("2026-03-01T12:00:00Z", view.get("time"));
    }

    @Test
    void rendersATenantsEventWithItsTenantBecauseTheChainHashCoversIt() {
        AuditEvent ofTenant = new AuditEvent(EVENT.time(), "test#ci", "entry.submit", EVENT.target(), "success",
                "127.0.0.1", "created", "tenant-b");
        Map<String, Object> view = SearchViews.auditEvent(AuditChain.link(null, ofTenant));
        assertEquals("tenant-b", view.get("tenant"));
        assertFalse(SearchViews.auditEvent(AuditChain.link(null, EVENT)).containsKey("tenant"));
    }

    @Test
    void givesTheBeforeValueOfTheNextAuditPage() {
        ChainedAuditEvent first = AuditChain.link(null, EVENT);
        ChainedAuditEvent second = AuditChain.link(first, EVENT);
        Map<String, Object> view = SearchViews.audit(new AuditPage(List.of(second), 2));
        assertEquals(2L, view.get("next"));
        assertEquals(1, ((List<?>) view.get("events")).size());
    }
}
