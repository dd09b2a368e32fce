package org.stellaops.attestor.store.mongo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stellaops.attestor.cas.StorageException;
import org.stellaops.attestor.store.AuditChain;
import org.stellaops.attestor.store.AuditEvent;
import org.stellaops.attestor.store.AuditQuery;
import org.stellaops.attestor.store.ChainedAuditEvent;
import org.stellaops.attestor.store.EntryQuery;
import org.stellaops.attestor.store.EntryRecord;
import org.stellaops.attestor.store.Tenants;
import org.stellaops.attestor.store.TrustedKey;

/**
 * Schema step 2 (tenants) on documents written in the schema-1 layout straight through the driver: records and keys
 * move to tenant {@code default}, audit events stay as they are, and the step survives a crash, a second run and a
 * second worker (deterministic interleavings: the test server is not atomic under concurrency).
 */
class TenantMigrationTest {

    private static final String LEGACY = Tenants.LEGACY;

    private static TestServer server;
    private final String database = TestServer.freshDatabase();
    private LegacyLayout old;

    @BeforeAll
    static void start() {
        server = TestServer.memory();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void layout() {
        old = new LegacyLayout(server.raw(database));
    }

    @Test
    void recordsWithoutATenantMoveToTheDefaultTenantUnderTheirNewId() {
        legacy().insert(old.record(Records.pending("a", LEGACY), 1));
        try (MongoStore store = server.store(database)) {
            EntryRecord expected = Records.pending("a", LEGACY);
            assertEquals(Optional.of(expected), store.byEnvelopeDigest(LEGACY, Records.digest("a")));
            assertEquals(Optional.of(expected), store.byUuid(LEGACY, Records.uuid("a", 1, "primary")));
            assertEquals(List.of(expected), store.search(EntryQuery.all(LEGACY, 10)).records());
            assertEquals(1, store.count(LEGACY));
        }
        Document moved = entries().find().first();
        assertEquals(1, entries().countDocuments());
        assertEquals(LEGACY + "|" + Records.digest("a"), moved.getString("_id"));
        assertEquals(LEGACY, moved.getString("tenant"));
        assertEquals(Records.digest("a"), moved.getString("envelopeDigest"));
        assertTrue(moved.getString("body").contains("\"tenant\":\"default\""), "the body names the tenant now");
        assertEquals(Schema.CURRENT, schemaVersion());
    }

    @Test
    void aMovedRecordKeepsItsRevisionAndItsCompareAndSetGoesOn() {
        EntryRecord record = Records.pending("a", LEGACY);
        legacy().insert(old.record(record, 3));
        try (MongoStore store = server.store(database)) {
            assertEquals(3L, entries().find().first().getLong("rev"));
            assertTrue(store.replaceIf(record, Records.logged(record)));
            assertEquals(4L, entries().find().first().getLong("rev"));
        }
    }

    @Test
    void aLeaseMovesWithItsRecord() {
        Instant now = Records.T0.plusSeconds(60);
        legacy().insert(old.record(Records.pending("a", LEGACY), 1).append("lease",
                new Document("owner", "w1").append("until", Times.encode(now.plusSeconds(30)))));
        try (MongoStore store = server.store(database)) {
            assertFalse(store.tryLease(LEGACY, Records.digest("a"), "w2", now, Duration.ofSeconds(30)));
            assertTrue(store.tryLease(LEGACY, Records.digest("a"), "w1", now, Duration.ofSeconds(30)));
        }
    }

    @Test
    void trustedKeysWithoutATenantMoveToTheDefaultTenantAndTheVersionStays() {
        TrustedKey key = Records.key("k", Records.T0, LEGACY, false);
        TrustedKey revoked = Records.revoked(Records.key("r", Records.T0, LEGACY, false), Records.T0.plusSeconds(1));
        legacy().key(key, 4);
        old.key(revoked, 7);
        try (MongoStore store = server.store(database)) {
            assertEquals(Optional.of(key), store.get(LEGACY, key.keyId()));
            assertEquals(Optional.of(revoked), store.get(LEGACY, revoked.keyId()));
            assertEquals(7, store.version());
            store.put(Records.key("n", Records.T0, "acme", false));
            assertEquals(8, store.version(), "the counter goes on from where schema 1 left it");
        }
        assertEquals(0, keys().countDocuments(Filters.eq("_id", key.keyId())), "the old document is gone");
    }

    @Test
    void auditEventsAreNotChangedAndReadAsOperatorEvents() {
        ChainedAuditEvent first = legacy().event(null, Records.event(1, "alice", "entry.submit", ""), null);
        ChainedAuditEvent second = old.event(first, Records.event(2, "bob", "trust.key.add", ""), null);
        List<Document> before = audit().find().sort(Sorts.ascending("_id")).into(new ArrayList<>());
        try (MongoStore store = server.store(database)) {
            assertEquals(List.of(second, first), store.events(AuditQuery.newest(Tenants.OPERATOR, 10)).events());
            assertEquals(List.of(), store.events(AuditQuery.newest(LEGACY, 10)).events());
            List<ChainedAuditEvent> chain = store.chain(1, 10);
            assertEquals(Optional.empty(), AuditChain.check(null, chain.get(0)));
            assertEquals(Optional.empty(), AuditChain.check(chain.get(0), chain.get(1)));
        }
        assertEquals(before, audit().find().sort(Sorts.ascending("_id")).into(new ArrayList<>()));
    }

    @Test
    void theSchema1IndexesAreReplacedByTenantFirstOnes() {
        legacy();
        server.store(database).close();
        assertEquals(List.of("_id_", "created", "outbox", "pending_audit", "tenant_created", "tenant_digest",
                "tenant_facts_created", "tenant_predicate_created", "tenant_signer_created", "tenant_subject_created",
                "tenant_uuids"),
                indexNames(entries()));
        assertEquals(List.of("_id_", "entry_unique", "tenant_action", "tenant_actor", "tenant_seq", "tenant_target",
                "tenant_time"), indexNames(audit()));
        assertEquals(List.of("_id_", "tenant_created", "tenant_key", "version"), indexNames(keys()));
    }

    @Test
    void runningTheStepAgainChangesNothing() {
        legacy().insert(old.record(Records.pending("a", LEGACY), 2));
        old.key(Records.key("k", Records.T0, LEGACY, false), 1);
        old.event(null, Records.event(1, "alice", "entry.submit", ""), null);
        server.store(database).close();
        List<List<Document>> once = everything();

        server.raw(database).getCollection("meta").updateOne(Filters.eq("_id", "schema"),
                new Document("$set", new Document("version", 1)));
        server.store(database).close();
        assertEquals(once, everything());
        assertEquals(Schema.CURRENT, schemaVersion());
    }

    @Test
    void aMoveInterruptedAfterTheCopyIsFinishedAtTheNextStart() {
        EntryRecord copied = Records.pending("a", LEGACY);
        EntryRecord notYet = Records.pending("b", LEGACY);
        legacy().insert(old.record(copied, 1));
        old.insert(old.record(notYet, 1));
        // the crashed worker had inserted the copy of the first record, but not deleted its old document
        entries().insertOne(new EntryDocuments().create(copied));

        try (MongoStore store = server.store(database)) {
            assertEquals(Optional.of(copied), store.byEnvelopeDigest(LEGACY, copied.envelopeDigest()));
            assertEquals(Optional.of(notYet), store.byEnvelopeDigest(LEGACY, notYet.envelopeDigest()));
        }
        assertEquals(List.of(LEGACY + "|" + copied.envelopeDigest(), LEGACY + "|" + notYet.envelopeDigest())
                .stream().sorted().toList(), ids(entries()));
    }

    @Test
    void aWorkerReplayingABatchAnotherWorkerAlreadyMovedChangesNothing() {
        EntryRecord record = Records.pending("a", LEGACY);
        Document stale = legacy().insert(old.record(record, 1).append("pendingAudit",
                EntryDocuments.pendingAudit(created(record), Records.T0)));
        try (MongoStore first = server.store(database)) {
            // the first worker migrated everything, serves, and has since published the record
            assertTrue(first.replaceIf(record, Records.logged(record)));
            long events = first.eventCount();

            // a second worker that read the old document before the first one moved it goes on with its batch
            new TenantMigration(server.raw(database), new EntryDocuments(), new AuditTrail(audit()))
                    .moveRecords(entries(), List.of(stale));

            assertEquals(Optional.of(Records.logged(record)), first.byEnvelopeDigest(LEGACY, record.envelopeDigest()));
            assertEquals(List.of(LEGACY + "|" + record.envelopeDigest()), ids(entries()));
            assertEquals(events, first.eventCount(), "the creation event was not appended again");
        }
    }

    @Test
    void aCreationEventAStoppedWorkerLeftOnAnOldRecordIsAppendedOnce() {
        EntryRecord record = Records.pending("a", LEGACY);
        legacy().insert(old.record(record, 1).append("pendingAudit",
                EntryDocuments.pendingAudit(created(record), Records.T0)));
        try (MongoStore store = server.store(database)) {
            assertEquals(List.of(created(record)), store.recentEvents(10));
            assertEquals(0, store.repairAuditTrail(Duration.ZERO), "no marker moved with the record");
        }
        assertEquals(record.envelopeDigest(), audit().find().first().getString("entry"), "tagged as schema 1 did");
        assertNull(entries().find().first().get("pendingAudit"));
    }

    @Test
    void aCreationEventAlreadyAppendedBeforeTheUpgradeIsNotAppendedAgain() {
        EntryRecord record = Records.pending("a", LEGACY);
        legacy().insert(old.record(record, 1).append("pendingAudit",
                EntryDocuments.pendingAudit(created(record), Records.T0)));
        old.event(null, created(record), record.envelopeDigest());
        try (MongoStore store = server.store(database)) {
            assertEquals(1, store.eventCount());
        }
    }

    @Test
    void aRecordWhoseBodyCannotBeReadStopsTheStepAndNothingIsLost() {
        legacy().insert(old.record(Records.pending("a", LEGACY), 1));
        old.insert(new Document("_id", Records.digest("b")).append("rev", 1L).append("body", "{not json"));

        StorageException e = assertThrows(StorageException.class, () -> server.store(database));
        assertEquals(StorageException.CORRUPT, e.code());
        assertTrue(e.getMessage().contains(Records.digest("b")), e.getMessage());
        assertEquals(1, schemaVersion(), "the step is not recorded as done");
        assertEquals(2, entries().countDocuments(Filters.exists("tenant", false)));
    }

    @Test
    void aRecordImportedFromAStoreWithTenantsKeepsItsTenant() {
        EntryRecord record = Records.pending("a", "globex");
        server.raw(database).getCollection("meta").insertOne(new Document("_id", "schema").append("version", 0));
        entries().insertOne(new Document("_id", record.envelopeDigest())
                .append("body", new EntryDocuments().body(record)));
        try (MongoStore store = server.store(database)) {
            assertEquals(Optional.of(record), store.byEnvelopeDigest("globex", record.envelopeDigest()));
            assertEquals(Optional.empty(), store.byEnvelopeDigest(LEGACY, record.envelopeDigest()));
        }
    }

    private LegacyLayout legacy() {
        return old.schema1();
    }

    private static AuditEvent created(EntryRecord record) {
        return new AuditEvent(record.createdAt(), "alice", "entry.submit", record.envelopeDigest(), "success",
                "192.0.2.10", "created", Tenants.OPERATOR);
    }

    private List<List<Document>> everything() {
        List<List<Document>> all = new ArrayList<>();
        for (MongoCollection<Document> c : List.of(entries(), keys(), audit())) {
            all.add(c.find().sort(Sorts.ascending("_id")).into(new ArrayList<>()));
        }
        return all;
    }

    private static List<String> indexNames(MongoCollection<Document> c) {
        return c.listIndexes().map(d -> d.getString("name")).into(new ArrayList<>()).stream().sorted().toList();
    }

    private static List<String> ids(MongoCollection<Document> c) {
        return c.find().map(d -> d.getString("_id")).into(new ArrayList<>()).stream().sorted().toList();
    }

    private MongoDatabase db() {
        return server.raw(database);
    }

    private MongoCollection<Document> entries() {
        return db().getCollection("entries");
    }

    private MongoCollection<Document> keys() {
        return db().getCollection("trust_keys");
    }

    private MongoCollection<Document> audit() {
        return db().getCollection("audit");
    }

    private int schemaVersion() {
        return db().getCollection("meta").find(Filters.eq("_id", "schema")).first().getInteger("version");
    }
}
