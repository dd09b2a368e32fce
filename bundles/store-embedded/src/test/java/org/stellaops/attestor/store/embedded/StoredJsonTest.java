package org.stellaops.attestor.store.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stellaops.attestor.cas.StorageException;
import org.stellaops.attestor.store.ChainedAuditEvent;
import org.stellaops.attestor.store.EntryRecord;
import org.stellaops.attestor.store.tck.TckRecords;

class StoredJsonTest {

    @TempDir
    Path directory;

    private Path file() {
        return directory.resolve("attestor.mv");
    }

    @Test
    void decodesWhatItEncodedIncludingCharactersBeyondLatin1() {
        String json = "{\"name\":\"naïve 日本語 \\u0000 😀\"}";
        assertEquals(json, StoredJson.decode(StoredJson.encode(json)));
    }

    @Test
    void readsAStringValueAsItIs() {
        assertEquals("{}", StoredJson.decode("{}"));
    }

    @Test
    void readsAbsenceAsNull() {
        assertNull(StoredJson.decode(null));
    }

    @Test
    void refusesAValueOfAnyOtherType() {
        assertThrows(IllegalStateException.class, () -> StoredJson.decode(42L));
    }

    @Test
    void storesRecordsAndAuditEventsAsBytes() {
        try (EmbeddedStore store = new EmbeddedStore(file())) {
            store.putIfAbsent(TckRecords.logged("bytes"), TckRecords.event(1));
        }
        MVStore raw = new MVStore.Builder().fileName(file().toString()).readOnly().open();
        try {
            MVMap<Long, Object> documents = raw.openMap(EntryIndex.MAPS.get(2));
            MVMap<Long, Object> events = raw.openMap(AuditTrail.MAP);
            assertInstanceOf(byte[].class, documents.get(documents.firstKey()));
            assertInstanceOf(byte[].class, events.get(1L));
        } finally {
            raw.close();
        }
    }

    /** Files of versions before values became bytes hold strings; they are read, and replaced values become bytes. */
    @Test
    void readsRecordsAndEventsAnEarlierVersionStoredAsStrings() {
        EntryRecord pending = TckRecords.pending("strings", TckRecords.T0);
        try (EmbeddedStore store = new EmbeddedStore(file())) {
            store.putIfAbsent(pending, TckRecords.event(1));
            store.append(TckRecords.event(2));
        }
        rewriteValuesAsStrings();
        try (EmbeddedStore store = new EmbeddedStore(file())) {
            assertEquals(pending, store.byEnvelopeDigest(TckRecords.TENANT, pending.envelopeDigest()).orElseThrow());
            assertEquals(List.of(pending), store.pending(10));
            List<ChainedAuditEvent> chain = MigrationTest.verifiedChain(store);
            assertEquals(List.of(TckRecords.event(1), TckRecords.event(2)),
                    chain.stream().map(ChainedAuditEvent::event).toList());
            EntryRecord logged = TckRecords.logged("strings", TckRecords.T0);
            assertTrue(store.replaceIf(pending, logged));
            assertEquals(logged, store.byEnvelopeDigest(TckRecords.TENANT, pending.envelopeDigest()).orElseThrow());
            store.append(TckRecords.event(3));
            assertEquals(3, MigrationTest.verifiedChain(store).size());
        }
    }

    @Test
    void refusesToReadARecordOfAnUnknownForm() {
        EntryRecord record = TckRecords.logged("unknown-form");
        try (EmbeddedStore store = new EmbeddedStore(file())) {
            store.putIfAbsent(record);
        }
        tamper(EntryIndex.MAPS.get(2), 7L);
        assertUnreadable(record);
    }

    @Test
    void refusesToReadARecordWhoseDocumentIsMissing() {
        EntryRecord record = TckRecords.logged("dangling");
        try (EmbeddedStore store = new EmbeddedStore(file())) {
            store.putIfAbsent(record);
        }
        tamper(EntryIndex.MAPS.get(0), 7L);
        assertUnreadable(record);
    }

    /** Replaces the value of the map's first key. */
    private void tamper(String map, Object value) {
        MVStore raw = new MVStore.Builder().fileName(file().toString()).open();
        try {
            MVMap<Object, Object> tampered = raw.openMap(map);
            tampered.put(tampered.firstKey(), value);
            raw.commit();
        } finally {
            raw.close();
        }
    }

    private void assertUnreadable(EntryRecord record) {
        try (EmbeddedStore store = new EmbeddedStore(file())) {
            StorageException e = assertThrows(StorageException.class,
                    () -> store.byEnvelopeDigest(TckRecords.TENANT, record.envelopeDigest()));
            assertEquals(StorageException.FAILURE, e.code());
        }
    }

    private void rewriteValuesAsStrings() {
        MVStore raw = new MVStore.Builder().fileName(file().toString()).open();
        try {
            for (String name : List.of(EntryIndex.MAPS.get(2), AuditTrail.MAP)) {
                MVMap<Object, Object> map = raw.openMap(name);
                for (Object key : List.copyOf(map.keySet())) {
                    map.put(key, StoredJson.decode(map.get(key)));
                }
            }
            raw.commit();
        } finally {
            raw.close();
        }
    }
}
