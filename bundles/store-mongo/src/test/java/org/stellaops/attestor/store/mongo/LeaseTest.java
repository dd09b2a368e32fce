package org.stellaops.attestor.store.mongo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stellaops.attestor.store.mongo.Records.TENANT;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.stellaops.attestor.store.EntryRecord;

class LeaseTest extends MongoTestBase {

    private static final Duration TTL = Duration.ofSeconds(30);
    private static final Instant NOW = Records.T0.plusSeconds(60);

    @Test
    void aLeaseHeldByOneWorkerIsRefusedToAnother() {
        EntryRecord record = stored("a");
        MongoStore other = worker();
        assertTrue(store.tryLease(TENANT, record.envelopeDigest(), "w1", NOW, TTL));
        assertFalse(other.tryLease(TENANT, record.envelopeDigest(), "w2", NOW.plusSeconds(29), TTL));
    }

    @Test
    void aLeaseEndsAtItsEndSoAnotherWorkerCanTakeItThen() {
        EntryRecord record = stored("a");
        assertTrue(store.tryLease(TENANT, record.envelopeDigest(), "w1", NOW, TTL));
        assertFalse(worker().tryLease(TENANT, record.envelopeDigest(), "w2", NOW.plus(TTL).minusNanos(1), TTL));
        assertTrue(worker().tryLease(TENANT, record.envelopeDigest(), "w2", NOW.plus(TTL), TTL));
        assertFalse(store.tryLease(TENANT, record.envelopeDigest(), "w1", NOW.plus(TTL), TTL),
                "the first holder lost it and cannot renew");
    }

    @Test
    void theHolderRenewsItsLease() {
        EntryRecord record = stored("a");
        assertTrue(store.tryLease(TENANT, record.envelopeDigest(), "w1", NOW, TTL));
        assertTrue(store.tryLease(TENANT, record.envelopeDigest(), "w1", NOW, TTL), "renewal with the same end");
        assertTrue(store.tryLease(TENANT, record.envelopeDigest(), "w1", NOW.plusSeconds(20), TTL));
        assertFalse(worker().tryLease(TENANT, record.envelopeDigest(), "w2", NOW.plusSeconds(40), TTL),
                "the renewed lease lasts until 20 s + ttl");
    }

    @Test
    void releasingFreesTheLeaseOnlyForItsHolder() {
        EntryRecord record = stored("a");
        assertTrue(store.tryLease(TENANT, record.envelopeDigest(), "w1", NOW, TTL));
        store.releaseLease(TENANT, record.envelopeDigest(), "w2");
        assertFalse(store.tryLease(TENANT, record.envelopeDigest(), "w2", NOW, TTL));
        store.releaseLease(TENANT, record.envelopeDigest(), "w1");
        assertTrue(store.tryLease(TENANT, record.envelopeDigest(), "w2", NOW, TTL));
    }

    @Test
    void aSettledOrUnknownRecordCannotBeLeased() {
        EntryRecord record = stored("a");
        assertTrue(store.replaceIf(record, Records.logged(record)));
        assertFalse(store.tryLease(TENANT, record.envelopeDigest(), "w1", NOW, TTL));
        assertFalse(store.tryLease(TENANT, Records.digest("unknown"), "w1", NOW, TTL));
    }

    @Test
    void claimableLeavesOutRecordsLeasedByOthersButNotTheAskersOwn() {
        EntryRecord a = stored("a");
        EntryRecord b = store.putIfAbsent(Records.pending("b", Records.T0.plusSeconds(1))).record();
        EntryRecord c = store.putIfAbsent(Records.pending("c", Records.T0.plusSeconds(2))).record();
        assertTrue(store.tryLease(TENANT, a.envelopeDigest(), "w1", NOW, TTL));
        assertTrue(store.tryLease(TENANT, b.envelopeDigest(), "w2", NOW, TTL));
        assertEquals(List.of(a, c), store.claimable("w1", NOW, 10));
        assertEquals(List.of(b, c), store.claimable("w2", NOW, 10));
        assertEquals(List.of(a, b, c), store.claimable("w3", NOW.plus(TTL), 10), "both leases expired");
    }

    @Test
    void aLeaseNeitherChangesTheRecordNorBreaksItsCompareAndSet() {
        EntryRecord record = stored("a");
        assertTrue(store.tryLease(TENANT, record.envelopeDigest(), "w1", NOW, TTL));
        assertEquals(Optional.of(record), store.byEnvelopeDigest(TENANT, record.envelopeDigest()));
        assertTrue(store.replaceIf(record, Records.retried(record)));
        assertTrue(worker().tryLease(TENANT, record.envelopeDigest(), "w1", NOW, TTL),
                "the lease survived the replace");
    }

    @Test
    void aLeaseTakenByOneWorkerBetweenAnothersClaimableAndTryLeaseIsNotTakenTwice() {
        EntryRecord record = stored("a");
        MongoStore other = worker();
        List<EntryRecord> seenByW1 = store.claimable("w1", NOW, 10);
        List<EntryRecord> seenByW2 = other.claimable("w2", NOW, 10);
        assertEquals(seenByW1, seenByW2, "both see the record as claimable");
        assertTrue(other.tryLease(TENANT, record.envelopeDigest(), "w2", NOW, TTL));
        assertFalse(store.tryLease(TENANT, record.envelopeDigest(), "w1", NOW, TTL), "w1 acts on a stale list");
    }

    @Test
    void anEnormousTtlSaturatesInsteadOfOverflowing() {
        EntryRecord record = stored("a");
        assertTrue(store.tryLease(TENANT, record.envelopeDigest(), "w1", NOW, Duration.ofSeconds(Long.MAX_VALUE)));
        assertFalse(store.tryLease(TENANT, record.envelopeDigest(), "w2", NOW.plus(Duration.ofDays(365 * 1000)), TTL));
    }

    private EntryRecord stored(String seed) {
        return store.putIfAbsent(Records.pending(seed)).record();
    }
}
