package org.stellaops.attestor.store.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stellaops.attestor.store.tck.TckRecords.T0;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stellaops.attestor.store.EntryRecord;
import org.stellaops.attestor.store.tck.TckRecords;

/** Leases live on the heap, so they must not outlive the publication they guard. */
class LeaseMemoryTest {

    private static final Duration TTL = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private EmbeddedStore store;

    @BeforeEach
    void open() {
        store = new EmbeddedStore(dir.resolve("attestor.mv"));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void forgetsTheLeaseOfARecordOnceItSettles() {
        EntryRecord r = TckRecords.pending("settles", T0);
        store.putIfAbsent(r);
        assertTrue(store.tryLease(TckRecords.TENANT, r.envelopeDigest(), "worker-a", T0, TTL));
        assertEquals(1, store.leaseCount());
        assertTrue(store.replaceIf(r, TckRecords.settled(r)));
        assertEquals(0, store.leaseCount());
    }

    @Test
    void forgetsAReleasedLease() {
        EntryRecord r = TckRecords.pending("released", T0);
        store.putIfAbsent(r);
        assertTrue(store.tryLease(TckRecords.TENANT, r.envelopeDigest(), "worker-a", T0, TTL));
        store.releaseLease(TckRecords.TENANT, r.envelopeDigest(), "worker-a");
        assertEquals(0, store.leaseCount());
    }

    @Test
    void forgetsExpiredLeasesThatClaimablePasses() {
        EntryRecord r = TckRecords.pending("expires", T0);
        store.putIfAbsent(r);
        assertTrue(store.tryLease(TckRecords.TENANT, r.envelopeDigest(), "worker-a", T0, TTL));
        assertEquals(List.of(r), store.claimable("worker-b", T0.plus(TTL), 10));
        assertEquals(0, store.leaseCount());
    }

    @Test
    void startsWithoutLeasesAfterARestart() {
        EntryRecord r = TckRecords.pending("restart", T0);
        store.putIfAbsent(r);
        assertTrue(store.tryLease(TckRecords.TENANT, r.envelopeDigest(), "worker-a", T0, TTL));
        store.close();
        store = new EmbeddedStore(dir.resolve("attestor.mv"));
        assertEquals(0, store.leaseCount());
        assertTrue(store.tryLease(TckRecords.TENANT, r.envelopeDigest(), "worker-b", T0.plusSeconds(1), TTL));
    }
}
