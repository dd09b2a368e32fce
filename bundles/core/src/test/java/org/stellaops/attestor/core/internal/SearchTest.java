package org.stellaops.attestor.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stellaops.attestor.api.model.Digest;
import org.stellaops.attestor.api.model.KeyAlgorithm;
import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.store.AuditEvent;
import org.stellaops.attestor.store.AuditPage;
import org.stellaops.attestor.store.AuditQuery;
import org.stellaops.attestor.store.EntryPage;
import org.stellaops.attestor.store.EntryQuery;
import org.stellaops.attestor.store.EntryRecord;
import org.stellaops.attestor.store.EntryStore;

class SearchTest {

    @TempDir
    Path directory;

    private Harness harness;
    private final KeyPair signer = TestKeys.p256();

    @BeforeEach
    void start() {
        harness = new Harness(directory);
        harness.trust(signer);
        harness.addLog(new TestLog("primary.test"), "primary");
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    private List<EntryRecord> submit(int count) {
        List<EntryRecord> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            records.add(harness.core.submit(Harness.envelope(signer, KeyAlgorithm.ECDSA_P256_SHA256), Harness.WHO)
                    .record());
        }
        return records;
    }

    @Test
    void aQueryRefusesACursorNoSearchWrote() {
        assertThrows(IllegalArgumentException.class, () -> EntryQuery.all(Harness.TENANT, 10).after("not-a-cursor"));
    }

    @Test
    void pagesThroughEveryRecordNewestFirst() {
        List<EntryRecord> records = submit(5);
        List<String> seen = new ArrayList<>();
        EntryPage page = harness.core.search(EntryQuery.all(Harness.TENANT, 2));
        seen.addAll(page.records().stream().map(EntryRecord::envelopeDigest).toList());
        while (page.nextCursor() != null) {
            page = harness.core.search(EntryQuery.all(Harness.TENANT, 2).after(page.nextCursor()));
            seen.addAll(page.records().stream().map(EntryRecord::envelopeDigest).toList());
        }
        List<String> expected = harness.core.recent(Harness.TENANT, 10).stream().map(EntryRecord::envelopeDigest).toList();
        assertEquals(expected, seen);
        assertEquals(records.size(), seen.size());
    }

    @Test
    void findsTheRecordOfASubjectDigest() {
        EntryRecord wanted = submit(3).get(1);
        Digest subject = wanted.subjects().get(0).digests().get(0);
        EntryPage page = harness.core.search(new EntryQuery(Harness.TENANT, subject.algorithm() + ":" + subject.hex(), null, null,
                null, null, 10, null));
        assertEquals(List.of(wanted.envelopeDigest()),
                page.records().stream().map(EntryRecord::envelopeDigest).toList());
        assertNull(page.nextCursor());
    }

    @Test
    void findsRecordsByAFactTheirHandlerDerived() {
        List<EntryRecord> records = submit(3);
        EntryQuery oneSubject = EntryQuery.all(Harness.TENANT, 10).withFacts(Map.of("subjects", "1"));
        assertEquals(records.stream().map(EntryRecord::envelopeDigest).sorted().toList(),
                harness.core.search(oneSubject).records().stream().map(EntryRecord::envelopeDigest).sorted().toList());
        EntryQuery twoSubjects = EntryQuery.all(Harness.TENANT, 10).withFacts(Map.of("subjects", "2"));
        assertEquals(List.of(), harness.core.search(twoSubjects).records());
    }

    @Test
    void refusesAFactSearchOnAStoreThatCannotMatchFactsInsteadOfIgnoringTheFilter() {
        submit(1);
        try (Harness old = harness.withEntryStore(new Contract50Store(harness.entries))) {
            AttestorException e = assertThrows(AttestorException.class, () -> old.core.search(
                    EntryQuery.all(Harness.TENANT, 10).withFacts(Map.of("subjects", "2"))));
            assertEquals("storage.unsupported", e.code());
            assertEquals(1, old.core.search(EntryQuery.all(Harness.TENANT, 10)).records().size());
        }
    }

    /** A store written for store contract 5.0: it knows nothing of fact filters, so it inherits searchesFacts. */
    private record Contract50Store(EntryStore store) implements EntryStore {
        @Override
        public Stored putIfAbsent(EntryRecord record) {
            return store.putIfAbsent(record);
        }

        @Override
        public Stored putIfAbsent(EntryRecord record, AuditEvent createdEvent) {
            return store.putIfAbsent(record, createdEvent);
        }

        @Override
        public boolean replaceIf(EntryRecord expected, EntryRecord next) {
            return store.replaceIf(expected, next);
        }

        @Override
        public Optional<EntryRecord> byEnvelopeDigest(String tenant, String envelopeDigest) {
            return store.byEnvelopeDigest(tenant, envelopeDigest);
        }

        @Override
        public Optional<EntryRecord> byUuid(String tenant, String uuid) {
            return store.byUuid(tenant, uuid);
        }

        @Override
        public List<EntryRecord> pending(int limit) {
            return store.pending(limit);
        }

        @Override
        public List<EntryRecord> claimable(String owner, Instant now, int limit) {
            return store.claimable(owner, now, limit);
        }

        @Override
        public boolean tryLease(String tenant, String envelopeDigest, String owner, Instant now, Duration ttl) {
            return store.tryLease(tenant, envelopeDigest, owner, now, ttl);
        }

        @Override
        public void releaseLease(String tenant, String envelopeDigest, String owner) {
            store.releaseLease(tenant, envelopeDigest, owner);
        }

        @Override
        public EntryPage search(EntryQuery query) {
            return store.search(query);
        }

        @Override
        public List<EntryRecord> recent(String tenant, int limit) {
            return store.recent(tenant, limit);
        }

        @Override
        public long count() {
            return store.count();
        }

        @Override
        public long count(String tenant) {
            return store.count(tenant);
        }
    }

    @Test
    void findsAuditEventsByAction() {
        submit(2);
        AuditPage page = harness.core.audit(new AuditQuery(Harness.TENANT, null, "entry.submit", null, null, null, null, 10, 0));
        assertEquals(2, page.events().size());
        assertEquals(List.of("entry.submit", "entry.submit"),
                page.events().stream().map(e -> e.event().action()).toList());
    }
}
