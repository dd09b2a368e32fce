package org.stellaops.attestor.store.mongo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stellaops.attestor.store.mongo.Records.TENANT;

import java.util.List;
import java.util.Optional;

import com.mongodb.client.model.Filters;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.stellaops.attestor.cas.StorageException;
import org.stellaops.attestor.store.EntryRecord;
import org.stellaops.attestor.store.EntryStore.Stored;

class MongoEntryStoreTest extends MongoTestBase {

    @Test
    void readsBackExactlyTheRecordItStored() {
        EntryRecord record = Records.pending("a");
        Stored stored = store.putIfAbsent(record);
        assertTrue(stored.created());
        assertSame(record, stored.record());
        assertEquals(Optional.of(record), store.byEnvelopeDigest(TENANT, record.envelopeDigest()));
    }

    @Test
    void secondPutOfTheSameEnvelopeReturnsTheStoredRecord() {
        EntryRecord first = Records.pending("a");
        store.putIfAbsent(first);
        Stored again = worker().putIfAbsent(Records.logged(first));
        assertFalse(again.created());
        assertEquals(first, again.record());
        assertEquals(1, store.count());
    }

    @Test
    void findsARecordByItsUuidEverySignatureUuidAndEveryLogEntryUuid() {
        EntryRecord record = Records.logged(Records.pending("a"));
        store.putIfAbsent(record);
        for (String uuid : List.of(Records.uuid("a", 0, "primary"), Records.uuid("a", 1, "primary"),
                Records.uuid("a", 0, "mirror"))) {
            assertEquals(Optional.of(record), store.byUuid(TENANT, uuid), uuid);
        }
        assertEquals(Optional.empty(), store.byUuid(TENANT, Records.hex("unknown")));
    }

    @Test
    void storesTheDerivedFieldsQueriesUse() {
        EntryRecord record = Records.pending("a");
        store.putIfAbsent(record);
        Document doc = raw().getCollection("entries").find(Filters.eq("_id", EntryDocuments.id(record))).first();
        assertEquals(List.of(Records.subject("a"), "sha512:" + Records.hex("a") + Records.hex("b"),
                Records.subject("shared")), doc.getList("subjectDigests", String.class));
        assertEquals(record.signerKeyIds(), doc.getList("signerKeyIds", String.class));
        assertEquals("2026-03-01T12:00:00.123456789Z", doc.getString("createdAt"));
        assertEquals("pending", doc.getString("status"));
        assertEquals(1L, doc.getLong("rev"));
    }

    @Test
    void replaceIfStoresTheNextVersionWhenTheStoredOneIsTheExpectedOne() {
        EntryRecord record = Records.pending("a");
        store.putIfAbsent(record);
        EntryRecord logged = Records.logged(record);
        assertTrue(store.replaceIf(record, logged));
        assertEquals(Optional.of(logged), store.byEnvelopeDigest(TENANT, record.envelopeDigest()));
        assertEquals(Optional.of(logged), store.byUuid(TENANT, Records.uuid("a", 0, "mirror")));
    }

    @Test
    void ofTwoWorkersReplacingTheSameVersionOnlyTheFirstWinsAndNoResultIsLost() {
        EntryRecord record = Records.pending("a");
        store.putIfAbsent(record);
        MongoStore other = worker();
        EntryRecord readByA = store.byEnvelopeDigest(TENANT, record.envelopeDigest()).orElseThrow();
        EntryRecord readByB = other.byEnvelopeDigest(TENANT, record.envelopeDigest()).orElseThrow();
        EntryRecord fromA = Records.retried(readByA);
        EntryRecord fromB = Records.logged(readByB);

        assertTrue(store.replaceIf(readByA, fromA));
        assertFalse(other.replaceIf(readByB, fromB), "B's version is stale");
        EntryRecord reread = other.byEnvelopeDigest(TENANT, record.envelopeDigest()).orElseThrow();
        assertEquals(fromA, reread, "A's attempt count survived");
        assertTrue(other.replaceIf(reread, Records.logged(reread)));
        assertEquals(EntryRecord.LOGGED,
                store.byEnvelopeDigest(TENANT, record.envelopeDigest()).orElseThrow().status());
    }

    @Test
    void compareAndSetComparesContentSoARecordBackToWhatAWorkerReadCanBeReplaced() {
        EntryRecord record = Records.pending("a");
        store.putIfAbsent(record);
        EntryRecord retried = Records.retried(record);
        assertTrue(store.replaceIf(record, retried));
        assertTrue(worker().replaceIf(retried, record), "back to the first content");
        assertTrue(store.replaceIf(record, Records.logged(record)));
        assertEquals(4L, raw().getCollection("entries").find().first().getLong("rev"), "three replacements");
    }

    @Test
    void replaceIfReturnsFalseForARecordThatDoesNotExist() {
        EntryRecord record = Records.pending("a");
        assertFalse(store.replaceIf(record, Records.logged(record)));
        assertEquals(0, store.count());
    }

    @Test
    void replaceIfRejectsChangesOutsideThePublicationState() {
        EntryRecord record = Records.pending("a");
        store.putIfAbsent(record);
        EntryRecord other = Records.pending("a", record.createdAt().plusSeconds(1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> store.replaceIf(record, other));
        assertTrue(e.getMessage().contains("createdAt"), e.getMessage());
        assertEquals(Optional.of(record), store.byEnvelopeDigest(TENANT, record.envelopeDigest()));
    }

    @Test
    void pendingListsOnlyPendingRecordsOldestFirst() {
        EntryRecord newer = Records.pending("n", Records.T0.plusNanos(1));
        EntryRecord older = Records.pending("o", Records.T0);
        EntryRecord settled = Records.pending("s", Records.T0.minusSeconds(5));
        store.putIfAbsent(newer);
        store.putIfAbsent(older);
        store.putIfAbsent(settled);
        assertTrue(store.replaceIf(settled, Records.logged(settled)));
        assertEquals(List.of(older, newer), store.pending(10));
        assertEquals(List.of(older), store.pending(1));
        assertEquals(List.of(), store.pending(0));
    }

    @Test
    void recentIsNewestFirstAndCountCountsEveryRecord() {
        for (int i = 0; i < 5; i++) {
            store.putIfAbsent(Records.pending("r" + i, Records.T0.plusMillis(i)));
        }
        assertEquals(List.of(Records.digest("r4"), Records.digest("r3")),
                store.recent(TENANT, 2).stream().map(EntryRecord::envelopeDigest).toList());
        assertEquals(5, store.count());
    }

    @Test
    void aRecordWhoseBodyWasAlteredIsReportedCorrupt() {
        EntryRecord record = Records.pending("a");
        store.putIfAbsent(record);
        raw().getCollection("entries").updateOne(Filters.eq("_id", EntryDocuments.id(record)),
                new Document("$set", new Document("body", "{\"envelopeDigest\":\"" + Records.digest("b") + "\"}")));
        StorageException e = assertThrows(StorageException.class,
                () -> store.byEnvelopeDigest(TENANT, record.envelopeDigest()));
        assertEquals(StorageException.CORRUPT, e.code());
    }
}
