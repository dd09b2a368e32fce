package org.stellaops.attestor.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stellaops.attestor.api.model.KeyAlgorithm;
import org.stellaops.attestor.store.EntryRecord;

/** Several workers publishing from one shared store. */
class OutboxLeaseTest {

    @TempDir
    Path directory;

    private final KeyPair signer = TestKeys.p256();
    private final TestLog primary = new TestLog("primary.test");
    private final List<Harness> workers = new ArrayList<>();

    @AfterEach
    void stop() {
        workers.forEach(Harness::close);
    }

    private Harness first() {
        Harness harness = new Harness(directory);
        harness.trust(signer);
        workers.add(harness);
        return harness;
    }

    private Harness second(Harness first) {
        Harness other = first.worker(Harness.Settings.defaults());
        workers.add(other);
        return other;
    }

    /** Records stored while no log is registered anywhere: pending, unleased, publishable by any worker. */
    private List<String> pendingRecords(Harness harness, int count) {
        List<String> digests = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            digests.add(harness.submit(Harness.envelope(signer, KeyAlgorithm.ECDSA_P256_SHA256)).record()
                    .envelopeDigest());
        }
        return digests;
    }

    @Test
    void publishesEveryRecordOncePerLogWhenTwoWorkersShareTheStore() {
        Harness a = first();
        Harness b = second(a);
        List<String> digests = pendingRecords(a, 20);
        a.addLog(primary, "primary");
        b.addLog(primary, "primary");
        for (String digest : digests) {
            a.awaitRecord(digest, "logged", r -> EntryRecord.LOGGED.equals(r.status()));
        }
        assertEquals(20, primary.size());
        assertEquals(20, primary.submissions(), "each record was sent to the log by one worker only");
    }

    @Test
    void leavesARecordToTheWorkerHoldingItsLease() {
        Harness a = first();
        Harness b = second(a);
        String digest = pendingRecords(a, 1).get(0);
        assertTrue(a.entries.tryLease(Harness.TENANT, digest, "someone-else", Instant.now(), Duration.ofMinutes(5)));
        b.addLog(primary, "primary");
        b.publisher.scan();
        assertEquals(0, primary.submissions());
        assertEquals(EntryRecord.PENDING, b.stored(digest).status());
    }

    @Test
    void takesOverARecordWhoseLeaseRanOut() {
        Harness a = first();
        String digest = pendingRecords(a, 1).get(0);
        assertTrue(a.entries.tryLease(Harness.TENANT, digest, "a-worker-that-died", Instant.now(),
                Duration.ofMillis(1)));
        a.addLog(primary, "primary");
        a.awaitRecord(digest, "logged by the surviving worker", r -> EntryRecord.LOGGED.equals(r.status()));
        assertEquals(1, primary.submissions());
    }

    @Test
    void releasesTheLeaseOnceTheRecordIsSettled() {
        Harness a = first();
        String digest = pendingRecords(a, 1).get(0);
        a.addLog(primary, "primary");
        a.awaitRecord(digest, "logged", r -> EntryRecord.LOGGED.equals(r.status()));
        TestEntryStore store = (TestEntryStore) a.entries;
        Harness.await("the lease is given up", () -> store.leaseHolder(a.stored(digest), Instant.now()).isEmpty());
    }

    @Test
    void givesEachActivationItsOwnWorkerIdUnlessOneIsConfigured() {
        Harness a = first();
        Harness b = second(a);
        assertNotEquals(a.core.workerId(), b.core.workerId());
        Harness named = a.worker(Harness.Settings.defaults().with("workerId", "worker-7"));
        workers.add(named);
        assertEquals("worker-7", named.core.workerId());
    }
}
