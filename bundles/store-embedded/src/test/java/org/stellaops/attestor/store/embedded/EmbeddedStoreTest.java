package org.stellaops.attestor.store.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stellaops.attestor.api.model.LogEntry;
import org.stellaops.attestor.cas.StorageException;
import org.stellaops.attestor.store.AuditEvent;
import org.stellaops.attestor.store.EntryRecord;
import org.stellaops.attestor.store.EntryStore;
import org.stellaops.attestor.store.TrustedKey;

class EmbeddedStoreTest {

    @TempDir
    Path dir;

    private EmbeddedStore store;

    @BeforeEach
    void open() {
        store = new EmbeddedStore(file());
    }

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    private Path file() {
        return dir.resolve("store").resolve("attestor.mv");
    }

    private EmbeddedStore reopen() {
        store.close();
        store = new EmbeddedStore(file());
        return store;
    }

    @Test
    void createsTheFileAndItsDirectory() {
        assertTrue(Files.isRegularFile(file()));
        assertEquals(file().toAbsolutePath(), store.path());
    }

    @Test
    void readsBackAnEntryRecordEqualToTheOneStored() {
        EntryRecord record = Records.entry("round-trip");
        store.entries().putIfAbsent(record);
        assertEquals(record, store.entries().byEnvelopeDigest(Records.TENANT, record.envelopeDigest()).orElseThrow());
    }

    @Test
    void reportsTheFirstInsertOfADigestAsCreated() {
        EntryRecord record = Records.entry("first");
        EntryStore.Stored stored = store.entries().putIfAbsent(record);
        assertTrue(stored.created());
        assertSame(record, stored.record());
    }

    @Test
    void returnsTheExistingRecordWhenTheSameDigestIsStoredAgain() {
        EntryRecord first = Records.entry("dup", "alice", Records.T0);
        EntryRecord second = Records.entry("dup", "bob", Records.T0.plusSeconds(60));
        store.entries().putIfAbsent(first);
        EntryStore.Stored again = store.entries().putIfAbsent(second);
        assertFalse(again.created());
        assertEquals(first, again.record());
        assertEquals(1, store.entries().count());
        assertEquals(List.of(first), store.entries().recent(Records.TENANT, 10));
    }

    @Test
    void letsExactlyOneOfManyRacingInsertsOfTheSameDigestCreateTheRecord() throws Exception {
        int threads = 8;
        int digests = 40;
        Map<String, AtomicInteger> created = new ConcurrentHashMap<>();
        Map<String, Set<EntryRecord>> returned = new ConcurrentHashMap<>();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String principal = "thread-" + t;
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int d = 0; d < digests; d++) {
                        EntryStore.Stored s = store.entries().putIfAbsent(
                                Records.entry("race-" + d, principal, Records.T0));
                        String digest = s.record().envelopeDigest();
                        created.computeIfAbsent(digest, k -> new AtomicInteger()).addAndGet(s.created() ? 1 : 0);
                        returned.computeIfAbsent(digest, k -> ConcurrentHashMap.newKeySet()).add(s.record());
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get(2, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(1, TimeUnit.MINUTES));
        }
        assertEquals(digests, created.size());
        created.forEach((digest, n) -> assertEquals(1, n.get(), "inserts that created " + digest));
        returned.forEach((digest, records) -> assertEquals(
                Set.of(store.entries().byEnvelopeDigest(Records.TENANT, digest).orElseThrow()), records,
                "every caller got the stored record for " + digest));
        assertEquals(digests, store.entries().count());
        assertEquals(digests, store.entries().recent(Records.TENANT, 1000).size());
    }

    @Test
    void findsARecordByEveryOneOfItsLogEntryUuids() {
        EntryRecord record = Records.entry("uuids");
        store.entries().putIfAbsent(record);
        assertEquals(4, record.logEntries().size());
        for (LogEntry e : record.logEntries()) {
            assertEquals(record, store.entries().byUuid(Records.TENANT, e.uuid()).orElseThrow(), e.uuid());
        }
        assertEquals(record, store.entries().byUuid(Records.TENANT, record.uuid()).orElseThrow());
    }

    @Test
    void reportsUnknownDigestsAndUuidsAsAbsent() {
        store.entries().putIfAbsent(Records.entry("known"));
        assertTrue(store.entries().byEnvelopeDigest(Records.TENANT, Records.digest("unknown")).isEmpty());
        assertTrue(store.entries().byUuid(Records.TENANT, Records.uuid("unknown", 0, "primary")).isEmpty());
        assertTrue(store.entries().byUuid(Records.TENANT, "").isEmpty());
    }

    @Test
    void listsRecentRecordsNewestFirstUpToTheLimit() {
        for (int i = 0; i < 5; i++) {
            store.entries().putIfAbsent(Records.entry("r" + i, "alice", Records.T0.plusSeconds(i)));
        }
        assertEquals(List.of("r4", "r3", "r2"), seeds(store.entries().recent(Records.TENANT, 3)));
        assertEquals(5, store.entries().recent(Records.TENANT, 100).size());
        assertTrue(store.entries().recent(Records.TENANT, 0).isEmpty());
    }

    @Test
    void replacesAPendingRecordAndIndexesItsNewLogEntries() {
        EntryRecord pending = Records.pending("later");
        store.entries().putIfAbsent(pending);
        assertTrue(store.entries().byUuid(Records.TENANT, Records.uuid("later", 1, "mirror")).isEmpty());
        EntryRecord logged = Records.entry("later");
        assertTrue(store.entries().replaceIf(pending, logged));
        assertEquals(logged, store.entries().byEnvelopeDigest(Records.TENANT, logged.envelopeDigest()).orElseThrow());
        for (LogEntry e : logged.logEntries()) {
            assertEquals(logged, store.entries().byUuid(Records.TENANT, e.uuid()).orElseThrow());
        }
        assertEquals(1, store.entries().count());
        assertEquals(List.of(logged), store.entries().recent(Records.TENANT, 10));
    }

    @Test
    void dropsUuidsThatAReplacementNoLongerHolds() {
        EntryRecord logged = Records.entry("shrink");
        store.entries().putIfAbsent(logged);
        LogEntry dropped = logged.logEntries().get(3);
        List<LogEntry> kept = logged.logEntries().subList(0, 3);
        EntryRecord smaller = new EntryRecord(logged.envelopeDigest(), logged.uuid(), EntryRecord.PENDING,
                logged.casDigest(), logged.payloadType(), logged.statementType(), logged.predicateType(),
                logged.subjects(), logged.signerKeyIds(), kept, logged.facts(), logged.derivedBy(),
                logged.createdAt(), logged.provenance());
        assertTrue(store.entries().replaceIf(logged, smaller));
        assertTrue(store.entries().byUuid(Records.TENANT, dropped.uuid()).isEmpty());
        assertEquals(smaller, store.entries().byUuid(Records.TENANT, kept.get(0).uuid()).orElseThrow());
        assertTrue(reopen().entries().byUuid(Records.TENANT, dropped.uuid()).isEmpty());
    }

    @Test
    void refusesToReplaceARecordThatWasNeverStored() {
        assertFalse(store.entries().replaceIf(Records.pending("ghost"), Records.entry("ghost")));
        assertEquals(0, store.entries().count());
    }

    @Test
    void keepsRecordsIndexesTrustRootsAndAuditAcrossCloseAndReopen() {
        List<EntryRecord> records = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            EntryRecord r = Records.entry("keep-" + i);
            records.add(r);
            store.entries().putIfAbsent(r);
        }
        TrustedKey key = Records.key("ci", Records.T0);
        store.trustRoots().put(key);
        long version = store.trustRoots().version();
        store.audit().append(Records.event(1));

        EmbeddedStore reopened = reopen();
        assertEquals(20, reopened.entries().count());
        for (EntryRecord r : records) {
            assertEquals(r, reopened.entries().byEnvelopeDigest(Records.TENANT, r.envelopeDigest()).orElseThrow());
            for (LogEntry e : r.logEntries()) {
                assertEquals(r, reopened.entries().byUuid(Records.TENANT, e.uuid()).orElseThrow());
            }
        }
        assertEquals(List.of(records.get(19), records.get(18)), reopened.entries().recent(Records.TENANT, 2));
        assertEquals(key, reopened.trustRoots().get(Records.TENANT, key.keyId()).orElseThrow());
        assertEquals(version, reopened.trustRoots().version());
        assertEquals(List.of(Records.event(1)), reopened.audit().recentEvents(5));
    }

    @Test
    void continuesTheCreationOrderAfterReopening() {
        store.entries().putIfAbsent(Records.entry("before"));
        reopen().entries().putIfAbsent(Records.entry("after"));
        assertEquals(List.of("after", "before"), seeds(store.entries().recent(Records.TENANT, 10)));
    }

    @Test
    void changesTheTrustRootVersionOnEveryPutAndKeepsItAcrossRestarts() {
        long v0 = store.trustRoots().version();
        TrustedKey key = Records.key("release", Records.T0);
        store.trustRoots().put(key);
        long v1 = store.trustRoots().version();
        store.trustRoots().put(key);
        long v2 = store.trustRoots().version();
        assertNotEquals(v0, v1);
        assertNotEquals(v1, v2);
        assertEquals(v2, reopen().trustRoots().version());
        store.trustRoots().put(new TrustedKey(key.keyId(), key.name(), key.algorithm(), key.publicKeyPem(),
                key.createdAt(), Records.T0.plusSeconds(3600), key.tenant(), key.shared()));
        long v3 = store.trustRoots().version();
        assertTrue(v3 != v2 && v3 != v1 && v3 != v0, "a version is never reused, not even after a restart");
    }

    @Test
    void keepsARevokedTrustedKeyWithItsRevocationTime() {
        TrustedKey key = Records.key("old", Records.T0);
        store.trustRoots().put(key);
        TrustedKey revoked = new TrustedKey(key.keyId(), key.name(), key.algorithm(), key.publicKeyPem(),
                key.createdAt(), Records.T0.plusSeconds(10), key.tenant(), key.shared());
        store.trustRoots().put(revoked);
        assertEquals(revoked, store.trustRoots().get(Records.TENANT, key.keyId()).orElseThrow());
        assertTrue(store.trustRoots().get(Records.TENANT, key.keyId()).orElseThrow().revoked());
        assertEquals(1, store.trustRoots().all(Records.TENANT).size());
    }

    @Test
    void listsTrustedKeysByCreationTimeThenId() {
        TrustedKey late = Records.key("late", Records.T0.plusSeconds(100));
        TrustedKey earlyA = Records.key("early-a", Records.T0);
        TrustedKey earlyB = Records.key("early-b", Records.T0);
        store.trustRoots().put(late);
        store.trustRoots().put(earlyB);
        store.trustRoots().put(earlyA);
        List<TrustedKey> expected = new ArrayList<>(List.of(earlyA, earlyB));
        expected.sort(java.util.Comparator.comparing(TrustedKey::keyId));
        expected.add(late);
        assertEquals(expected, store.trustRoots().all(Records.TENANT));
        assertTrue(store.trustRoots().get(Records.TENANT, Records.hex("nobody")).isEmpty());
    }

    @Test
    void listsAuditEventsNewestFirstAndCountsThem() {
        for (int i = 0; i < 5; i++) {
            store.audit().append(Records.event(i));
        }
        assertEquals(List.of(Records.event(4), Records.event(3)), store.audit().recentEvents(2));
        assertEquals(5, store.audit().eventCount());
        assertEquals(0, store.entries().count(), "audit events are not entries");
    }

    @Test
    void appendsAuditEventsAfterTheExistingOnesWhenReopened() {
        store.audit().append(Records.event(1));
        reopen().audit().append(Records.event(2));
        List<AuditEvent> events = store.audit().recentEvents(10);
        assertEquals(List.of(Records.event(2), Records.event(1)), events);
    }

    @Test
    void storesEveryRecordFromManyConcurrentWritersWithNoMoreCommitsThanWrites() throws Exception {
        int threads = 8;
        int perThread = 100;
        long before = store.commitCount();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        store.entries().putIfAbsent(Records.entry("gc-" + thread + "-" + i));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get(2, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(1, TimeUnit.MINUTES));
        }
        assertEquals(threads * perThread, store.entries().count());
        assertTrue(store.commitCount() - before <= threads * perThread);
    }

    @Test
    void keepsWorkingAfterAReaderThreadWasInterruptedWhileReadingTheFile() {
        // enough records that, after reopening, reading one loads pages from the file in the calling thread
        java.util.stream.IntStream.range(0, 400).parallel()
                .forEach(i -> store.entries().putIfAbsent(Records.entry("bulk-" + i)));
        EntryRecord first = Records.entry("bulk-123");
        EmbeddedStore cold = reopen();
        Thread.currentThread().interrupt();
        try {
            assertEquals(first, cold.entries().byEnvelopeDigest(Records.TENANT, first.envelopeDigest()).orElseThrow());
        } finally {
            Thread.interrupted();
        }
        cold.entries().putIfAbsent(Records.entry("after-interrupt"));
        assertEquals(401, reopen().entries().count());
    }

    @Test
    void refusesWritesAfterClose() {
        store.close();
        StorageException e = assertThrows(StorageException.class,
                () -> store.entries().putIfAbsent(Records.entry("late")));
        assertEquals(StorageException.FAILURE, e.code());
        store = null;
    }

    @Test
    void refusesASecondOpenerOfTheSameFile() {
        StorageException e = assertThrows(StorageException.class, () -> new EmbeddedStore(file()));
        assertEquals(StorageException.FAILURE, e.code());
    }

    private static List<String> seeds(List<EntryRecord> records) {
        List<String> seeds = new ArrayList<>();
        for (EntryRecord r : records) {
            seeds.add(r.subjects().get(0).name().substring("pkg:oci/app@".length()));
        }
        return seeds;
    }

    @Test
    void storesACreatedRecordAndItsAuditEventTogether() {
        EntryRecord record = Records.entry("with-event");
        assertTrue(store.putIfAbsent(record, Records.event(7)).created());
        EmbeddedStore reopened = reopen();
        assertEquals(Optional.of(record), reopened.byEnvelopeDigest(Records.TENANT, record.envelopeDigest()));
        assertEquals(List.of(Records.event(7)), reopened.recentEvents(10));
    }

    @Test
    void doesNotWriteTheCreationEventForADuplicate() {
        EntryRecord record = Records.entry("dup-event");
        store.putIfAbsent(record, Records.event(1));
        assertFalse(store.putIfAbsent(record, Records.event(2)).created());
        assertEquals(List.of(Records.event(1)), store.recentEvents(10));
    }
}
