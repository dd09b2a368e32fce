package org.stellaops.attestor.store.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stellaops.attestor.store.tck.TckRecords.T0;
import static org.stellaops.attestor.store.tck.TckRecords.TENANT;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.stellaops.attestor.store.EntryRecord;
import org.stellaops.attestor.store.EntryStore;

/**
 * The publishing leases of {@link EntryStore}: {@code tryLease}, {@code releaseLease} and {@code claimable}. Time is
 * passed in explicitly, so no test waits for a lease to expire.
 */
public abstract class EntryLeaseContract extends StoreContract {

    /** The lease time used by these tests. */
    protected static final Duration TTL = Duration.ofSeconds(30);

    private EntryRecord stored(String seed, Instant createdAt) {
        EntryRecord record = TckRecords.pending(seed, createdAt);
        entries().putIfAbsent(record);
        return record;
    }

    @Test
    void takesTheLeaseOfAPendingRecordNobodyHolds() {
        EntryRecord r = stored("free", T0);
        assertTrue(entries().tryLease(TENANT, r.envelopeDigest(), "worker-a", T0, TTL));
    }

    @Test
    void refusesALeaseHeldByAnotherOwner() {
        EntryRecord r = stored("held", T0);
        assertTrue(entries().tryLease(TENANT, r.envelopeDigest(), "worker-a", T0, TTL));
        assertFalse(entries().tryLease(TENANT, r.envelopeDigest(), "worker-b", T0.plusSeconds(29), TTL));
    }

    @Test
    void renewsALeaseForTheOwnerThatHoldsIt() {
        EntryRecord r = stored("renewed", T0);
        assertTrue(entries().tryLease(TENANT, r.envelopeDigest(), "worker-a", T0, TTL));
        assertTrue(entries().tryLease(TENANT, r.envelopeDigest(), "worker-a", T0.plusSeconds(20), TTL));
        // without the renewal the lease would have ended at T0 + 30 s
        assertFalse(entries().tryLease(TENANT, r.envelopeDigest(), "worker-b", T0.plusSeconds(40), TTL));
        assertTrue(entries().tryLease(TENANT, r.envelopeDigest(), "worker-b", T0.plusSeconds(50), TTL));
    }

    @Test
    void letsAnotherOwnerTakeOverALeaseOnceItsEndIsReached() {
        EntryRecord r = stored("expired", T0);
        assertTrue(entries().tryLease(TENANT, r.envelopeDigest(), "worker-a", T0, TTL));
        assertFalse(entries().tryLease(TENANT, r.envelopeDigest(), "worker-b", T0.plus(TTL).minusNanos(1), TTL));
        assertTrue(entries().tryLease(TENANT, r.envelopeDigest(), "worker-b", T0.plus(TTL), TTL));
        assertFalse(entries().tryLease(TENANT, r.envelopeDigest(), "worker-a", T0.plus(TTL).plusSeconds(1), TTL));
    }

    @Test
    void freesAReleasedLease() {
        EntryRecord r = stored("released", T0);
        assertTrue(entries().tryLease(TENANT, r.envelopeDigest(), "worker-a", T0, TTL));
        entries().releaseLease(TENANT, r.envelopeDigest(), "worker-a");
        assertTrue(entries().tryLease(TENANT, r.envelopeDigest(), "worker-b", T0.plusSeconds(1), TTL));
    }

    @Test
    void ignoresAReleaseByAnOwnerThatDoesNotHoldTheLease() {
        EntryRecord r = stored("not-yours", T0);
        assertTrue(entries().tryLease(TENANT, r.envelopeDigest(), "worker-a", T0, TTL));
        entries().releaseLease(TENANT, r.envelopeDigest(), "worker-b");
        assertFalse(entries().tryLease(TENANT, r.envelopeDigest(), "worker-b", T0.plusSeconds(1), TTL));
    }

    @Test
    void ignoresAReleaseOfARecordThatHasNoLease() {
        EntryRecord r = stored("never-leased", T0);
        entries().releaseLease(TENANT, r.envelopeDigest(), "worker-a");
        entries().releaseLease(TENANT, TckRecords.digest("missing"), "worker-a");
        assertTrue(entries().tryLease(TENANT, r.envelopeDigest(), "worker-b", T0, TTL));
    }

    @Test
    void refusesToLeaseARecordThatIsNotPending() {
        EntryRecord logged = TckRecords.logged("logged");
        entries().putIfAbsent(logged);
        assertFalse(entries().tryLease(TENANT, logged.envelopeDigest(), "worker-a", T0, TTL));
    }

    @Test
    void refusesToLeaseARecordThatIsNotStored() {
        assertFalse(entries().tryLease(TENANT, TckRecords.digest("missing"), "worker-a", T0, TTL));
    }

    @Test
    void refusesToRenewALeaseOnceTheRecordIsSettled() {
        EntryRecord r = stored("settled", T0);
        assertTrue(entries().tryLease(TENANT, r.envelopeDigest(), "worker-a", T0, TTL));
        assertTrue(entries().replaceIf(r, TckRecords.settled(r)));
        assertFalse(entries().tryLease(TENANT, r.envelopeDigest(), "worker-a", T0.plusSeconds(1), TTL));
    }

    @Test
    void leavesTheRecordUnchangedWhenItIsLeased() {
        EntryRecord r = stored("untouched", T0);
        assertTrue(entries().tryLease(TENANT, r.envelopeDigest(), "worker-a", T0, TTL));
        assertEquals(r, entries().byEnvelopeDigest(TENANT, r.envelopeDigest()).orElseThrow());
        assertEquals(List.of(r), entries().pending(10));
        assertTrue(entries().replaceIf(r, TckRecords.primaryLogged(r)), "a lease is not part of the record");
    }

    @Test
    void hidesRecordsLeasedByOtherOwnersFromClaimable() {
        EntryRecord a = stored("a", T0);
        EntryRecord b = stored("b", T0.plusSeconds(1));
        EntryRecord c = stored("c", T0.plusSeconds(2));
        assertTrue(entries().tryLease(TENANT, b.envelopeDigest(), "worker-b", T0, TTL));
        assertEquals(List.of(a, c), entries().claimable("worker-a", T0.plusSeconds(5), 10));
    }

    @Test
    void showsRecordsLeasedByTheAskingOwnerInClaimable() {
        EntryRecord a = stored("a", T0);
        EntryRecord b = stored("b", T0.plusSeconds(1));
        assertTrue(entries().tryLease(TENANT, a.envelopeDigest(), "worker-a", T0, TTL));
        assertEquals(List.of(a, b), entries().claimable("worker-a", T0.plusSeconds(5), 10));
        assertEquals(List.of(b), entries().claimable("worker-b", T0.plusSeconds(5), 10));
    }

    @Test
    void showsRecordsWhoseLeaseEndedInClaimable() {
        EntryRecord a = stored("a", T0);
        assertTrue(entries().tryLease(TENANT, a.envelopeDigest(), "worker-a", T0, TTL));
        assertEquals(List.of(), entries().claimable("worker-b", T0.plusSeconds(29), 10));
        assertEquals(List.of(a), entries().claimable("worker-b", T0.plus(TTL), 10));
    }

    @Test
    void showsRecordsWhoseLeaseWasReleasedInClaimable() {
        EntryRecord a = stored("a", T0);
        assertTrue(entries().tryLease(TENANT, a.envelopeDigest(), "worker-a", T0, TTL));
        entries().releaseLease(TENANT, a.envelopeDigest(), "worker-a");
        assertEquals(List.of(a), entries().claimable("worker-b", T0.plusSeconds(1), 10));
    }

    @Test
    void listsOnlyPendingRecordsOldestFirstInClaimable() {
        EntryRecord newer = stored("newer", T0.plusSeconds(10));
        entries().putIfAbsent(TckRecords.logged("logged", T0.plusSeconds(5)));
        EntryRecord older = stored("older", T0);
        assertEquals(List.of(older, newer), entries().claimable("worker-a", T0, 10));
    }

    @Test
    void fillsTheClaimableLimitPastRecordsLeasedByOthers() {
        for (int i = 0; i < 6; i++) {
            EntryRecord r = stored("r" + i, T0.plusSeconds(i));
            if (i < 3) {
                assertTrue(entries().tryLease(TENANT, r.envelopeDigest(), "worker-b", T0, TTL));
            }
        }
        List<EntryRecord> claimable = entries().claimable("worker-a", T0.plusSeconds(1), 2);
        assertEquals(List.of(TckRecords.pending("r3", T0.plusSeconds(3)), TckRecords.pending("r4", T0.plusSeconds(4))),
                claimable);
    }
}
