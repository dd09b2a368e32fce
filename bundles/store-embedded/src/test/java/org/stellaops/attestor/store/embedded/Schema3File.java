package org.stellaops.attestor.store.embedded;

import java.nio.file.Path;
import java.util.List;

import org.h2.mvstore.MVStore;
import org.stellaops.attestor.store.AuditEvent;
import org.stellaops.attestor.store.EntryRecord;
import org.stellaops.attestor.store.TrustedKey;

/**
 * Writes a store file of schema 3 (store contract 4.0 to 5.0): the current layout without the fact index. It is
 * made the way such a file came about: the store writes everything, then the fact index is taken out and the
 * version set back, leaving exactly the maps a schema-3 store wrote.
 */
final class Schema3File {

    private Schema3File() {
    }

    static void write(Path file, List<EntryRecord> records, List<AuditEvent> events, TrustedKey key) {
        try (EmbeddedStore store = new EmbeddedStore(file)) {
            records.forEach(store::putIfAbsent);
            store.appendAll(events);
            if (key != null) {
                store.put(key);
            }
        }
        MVStore raw = new MVStore.Builder().fileName(file.toString()).open();
        try {
            raw.removeMap(raw.openMap("search.fact"));
            raw.<String, Long>openMap("meta").put(Migration.SCHEMA_VERSION, Migration.TENANT_SCHEMA);
            raw.commit();
        } finally {
            raw.close();
        }
    }
}
