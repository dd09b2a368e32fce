package org.stellaops.attestor.store.embedded;

import java.nio.file.Path;
import java.util.List;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.stellaops.attestor.store.AuditEvent;
import org.stellaops.attestor.store.EntryRecord;
import org.stellaops.attestor.store.TrustedKey;

/**
 * Writes store files of schema 3 (store contract 4.0 to 5.0: the layout of schema 4 without the fact index) and of
 * schema 4 (record documents in {@code entries}, under their keys, and the creation index
 * {@code entries.byCreation}). They are made the way such files came about: the store writes everything, then the
 * file is rewritten item by item (no front-coded pages, which only schema 6 writes) and taken back to the older
 * layout, and the version set back, leaving exactly the maps that schema wrote.
 */
final class Schema3File {

    private Schema3File() {
    }

    static void write(Path file, List<EntryRecord> records, List<AuditEvent> events, TrustedKey key) {
        writeCurrent(file, records, events, key);
        MVStore raw = new MVStore.Builder().fileName(file.toString()).open();
        try {
            documentsBackInEntries(raw);
            raw.removeMap(raw.openMap("search.fact"));
            raw.<String, Long>openMap("meta").put(Migration.SCHEMA_VERSION, Migration.TENANT_SCHEMA);
            raw.commit();
        } finally {
            raw.close();
        }
    }

    static void writeSchema4(Path file, List<EntryRecord> records, List<AuditEvent> events, TrustedKey key) {
        writeCurrent(file, records, events, key);
        MVStore raw = new MVStore.Builder().fileName(file.toString()).open();
        try {
            documentsBackInEntries(raw);
            raw.<String, Long>openMap("meta").put(Migration.SCHEMA_VERSION, Migration.FACT_SCHEMA);
            raw.commit();
        } finally {
            raw.close();
        }
    }

    private static void writeCurrent(Path file, List<EntryRecord> records, List<AuditEvent> events, TrustedKey key) {
        try (EmbeddedStore store = new EmbeddedStore(file)) {
            records.forEach(store::putIfAbsent);
            store.appendAll(events);
            if (key != null) {
                store.put(key);
            }
        }
        RawMaps.rewriteItemByItem(file);
    }

    /** Every document back under its key in {@code entries}, its sequence in the creation index. */
    private static void documentsBackInEntries(MVStore raw) {
        MVMap<String, Object> entries = raw.openMap("entries");
        MVMap<Long, Object> documents = raw.openMap("entries.records");
        MVMap<Long, String> byCreation = raw.openMap(EntryIndex.LEGACY_CREATION);
        for (String key : List.copyOf(entries.keySet())) {
            long sequence = (Long) entries.get(key);
            entries.put(key, documents.get(sequence));
            byCreation.put(sequence, key);
        }
        raw.removeMap(documents);
    }
}
