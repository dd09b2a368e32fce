package org.stellaops.attestor.store.embedded;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.stellaops.attestor.api.model.LogEntry;
import org.stellaops.attestor.store.AuditEvent;
import org.stellaops.attestor.store.EntryRecord;
import org.stellaops.attestor.store.RecordJson;
import org.stellaops.attestor.store.SignatureCoverage;
import org.stellaops.attestor.store.TrustedKey;

/**
 * Writes a store file the way the store did before schema 2: records with their uuid, creation and outbox indexes
 * but no search indexes, an unchained {@code audit} map numbered from 0, no {@code schema.version}.
 */
final class LegacyFile {

    private final RecordJson json = new RecordJson();
    private final MVStore raw;

    LegacyFile(Path file) {
        this.raw = new MVStore.Builder().fileName(file.toString()).open();
    }

    LegacyFile records(List<EntryRecord> records) {
        MVMap<String, String> entries = raw.openMap("entries");
        MVMap<String, String> byUuid = raw.openMap("entries.byUuid");
        MVMap<Long, String> byCreation = raw.openMap("entries.byCreation");
        MVMap<String, String> pending = raw.openMap("entries.pending");
        for (EntryRecord r : records) {
            entries.put(r.envelopeDigest(), json.write(r));
            uuids(r).forEach(u -> byUuid.put(u, r.envelopeDigest()));
            byCreation.put(byCreation.isEmpty() ? 0L : byCreation.lastKey() + 1, r.envelopeDigest());
            if (r.pending()) {
                pending.put(EntryIndex.pendingKey(r), r.envelopeDigest());
            }
        }
        MVMap<String, Long> meta = raw.openMap("meta");
        meta.put("entries.pending.built", 1L);
        return this;
    }

    LegacyFile events(List<AuditEvent> events) {
        MVMap<Long, String> audit = raw.openMap("audit");
        for (AuditEvent e : events) {
            audit.put(audit.isEmpty() ? 0L : audit.lastKey() + 1, json.write(e));
        }
        return this;
    }

    LegacyFile key(TrustedKey key, long version) {
        raw.<String, String>openMap("trust.keys").put(key.keyId(), json.write(key));
        raw.<String, Long>openMap("meta").put("trust.version", version);
        return this;
    }

    /** Direct access for tests that shape a file by hand (a half-finished migration, a newer layout). */
    MVStore raw() {
        return raw;
    }

    void close() {
        raw.commit();
        raw.close();
    }

    private static Set<String> uuids(EntryRecord r) {
        Set<String> uuids = new LinkedHashSet<>();
        uuids.add(r.uuid());
        r.signatures().stream().map(SignatureCoverage::uuid).forEach(uuids::add);
        r.logEntries().stream().map(LogEntry::uuid).forEach(uuids::add);
        return uuids;
    }
}
