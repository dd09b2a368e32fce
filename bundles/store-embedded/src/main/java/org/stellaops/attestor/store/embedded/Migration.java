package org.stellaops.attestor.store.embedded;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.BiConsumer;

import org.h2.mvstore.MVMap;
import org.stellaops.attestor.cas.StorageException;
import org.stellaops.attestor.store.AuditEvent;
import org.stellaops.attestor.store.RecordJson;
import org.stellaops.attestor.store.Tenants;
import org.stellaops.attestor.store.TrustedKey;

/**
 * Brings a store file up to the current layout when it is opened, before anything else reads it.
 *
 * <p>Schema 1 (no {@code schema.version} in {@code meta}) had no search indexes and an unchained audit trail
 * ({@code audit}: a sequence number from 0 → event JSON); schema 2 added the search indexes and {@code audit.chain};
 * schema 3 (store contract 4.0.0) starts every key with the tenant ({@link IndexKeys}); schema 4 (store contract
 * 5.1.0) adds the fact index {@code search.fact}. Upgrading a file older than schema 3 to schema 3:
 * <ol>
 * <li>chains the events of a schema-1 {@code audit} map into {@code audit.chain}, in their order;</li>
 * <li>indexes every event of {@code audit.chain} in {@code audit.byTenant} (events stored before tenants existed
 *     read as operator events, tenant {@code ""}; the chain itself is not touched, so every hash stays);</li>
 * <li>copies every record into new maps named {@value #TARGET}{@code <name>}, under tenant
 *     {@link Tenants#LEGACY}, with its JSON rewritten to name that tenant and every index rebuilt in the new layout,
 *     in the order of the old creation index (so {@code recent} keeps its order); then records the old creation
 *     index missed, if any;</li>
 * <li>copies every trusted key the same way;</li>
 * <li>in one commit: drops the old maps, renames the new ones to the old names, removes the bookkeeping of earlier
 *     migrations and writes {@code schema.version} 3.</li>
 * </ol>
 * Then, from schema 3 to 4, every record's fact terms get their {@code search.fact} keys, a batch of records (in
 * {@code entries} order) per commit, and {@code schema.version} becomes 4 in the commit after the last batch. This
 * step runs on every file older than schema 4, also right after the steps to 3 (which index facts already, unless
 * they were begun by a version that did not): adding a key twice changes nothing, so it costs one more pass, never
 * a wrong index.
 *
 * <p>From schema 4 to 5 the record documents move out of {@code entries} (which then maps each key to a creation
 * sequence) into {@code entries.records} (sequence → document; see {@link EntryIndex} for why), a batch per commit:
 * first in the order of the old creation index {@value EntryIndex#LEGACY_CREATION}, each under its sequence there,
 * then any document that index missed under a new sequence; the commit after the last batch drops the old creation
 * index and writes {@code schema.version} 5. A file upgraded from before schema 3 gets its documents in the new layout
 * straight away (step 3 writes through {@link EntryIndex}), so its move step finds nothing to move.
 *
 * <p>Schema 6 changes no data, only how pages may be written: front-coded ({@link MapDataType}), which a version
 * before it cannot read. So a file becomes version 6 first (one commit, also at the end of every older file's
 * steps), and only then may commits write front-coded pages ({@link StoreFile#frontCode}); pages written before
 * stay as they are and read as before, and {@code meta} is never front-coded, so an older version still reads the
 * layout version and refuses the file with a clear error.
 *
 * <p>The old maps are only read until the last step, and every batch commits its writes together with its progress
 * (a position in the map it reads), so a migration killed at any point resumes after the last committed batch at
 * the next start and ends with the same file; a file of millions of records is migrated without holding it in
 * memory.
 */
final class Migration {

    /** The {@code meta} key of the layout version. */
    static final String SCHEMA_VERSION = "schema.version";
    /** The layout this code writes. */
    static final long CURRENT_SCHEMA = 6;
    /** The layout with the documents keyed by sequence, pages written item by item only. */
    static final long DOCUMENT_SCHEMA = 5;
    /** The layout with tenants, before the fact index. */
    static final long TENANT_SCHEMA = 3;
    /** The layout with the fact index, documents still in {@code entries}. */
    static final long FACT_SCHEMA = 4;
    /** The {@code meta} key of the fact step's progress (a position in {@code entries}). */
    static final String FACTS_PROGRESS = "migration.4.facts";
    /** The map of the unchained audit trail of schema 1. */
    static final String LEGACY_AUDIT = "audit";
    /** The name prefix of the maps the tenant migration builds before they replace the old ones. */
    static final String TARGET = "migration.3.";
    /** The default batch size: records, keys or events per commit. */
    static final int BATCH = 5_000;

    /** Steps reported to a {@link Listener}, also the suffixes of the progress keys in {@code meta}. */
    static final String STEP_AUDIT_CHAIN = "audit.chain";
    static final String STEP_AUDIT_TENANTS = "audit.tenants";
    static final String STEP_RECORDS = "records";
    static final String STEP_UNLISTED = "unlisted";
    static final String STEP_KEYS = "keys";
    static final String STEP_FACTS = "facts";
    static final String STEP_DOCUMENTS = "documents";
    static final String STEP_UNLISTED_DOCUMENTS = "documents.unlisted";

    /** Bookkeeping of the migrations before schema 3, obsolete once every index is rebuilt. */
    private static final List<String> OBSOLETE_META = List.of("entries.pending.built", "migration.pending.records",
            "migration.2.records");

    /** Told after every committed batch (tests use it to kill the process at a chosen point). */
    @FunctionalInterface
    interface Listener {
        /** Does nothing. */
        Listener NONE = (step, done) -> { };

        /**
         * @param step one of the {@code STEP_} names
         * @param done the step's progress after the batch
         */
        void committed(String step, long done);
    }

    private final StoreFile file;
    private final RecordJson json;
    private final AuditTrail audit;
    private final MVMap<String, Long> meta;
    private final int batch;
    private final Listener listener;

    Migration(StoreFile file, RecordJson json, AuditTrail audit, int batch, Listener listener) {
        this.file = file;
        this.json = json;
        this.audit = audit;
        this.meta = file.map(StoreFile.META);
        this.batch = batch;
        this.listener = listener;
    }

    /**
     * Runs whatever the file still needs.
     *
     * @throws StorageException {@code storage.failure} if the file was written by a newer version of the store
     */
    void run() {
        Long schema = file.guard(() -> meta.get(SCHEMA_VERSION));
        if (schema != null && schema > CURRENT_SCHEMA) {
            throw new StorageException(StorageException.FAILURE, "the store file " + file.path()
                    + " has layout " + schema + ", newer than this version understands (" + CURRENT_SCHEMA + ")",
                    null);
        }
        if (schema == null || schema < TENANT_SCHEMA) {
            migrateToTenants();
        }
        if (schema == null || schema < FACT_SCHEMA) {
            indexFacts();
        }
        if (schema == null || schema < DOCUMENT_SCHEMA) {
            moveDocuments();
        }
        if (schema == null || schema < CURRENT_SCHEMA) {
            file.write(() -> meta.put(SCHEMA_VERSION, CURRENT_SCHEMA));
        }
        // only now that the version announcing them is durable: a version that cannot read them refuses the file
        file.frontCode();
    }

    /** Schema 1 or 2 to 3: the steps of the class comment, ending with the commit that writes version 3. */
    private void migrateToTenants() {
        chainLegacyAudit();
        forEachBatch(STEP_AUDIT_TENANTS, file.<Long, Object>map(AuditTrail.MAP),
                (seq, stored) -> audit.indexTenant(audit.decode(StoredJson.decode(stored))));
        if (file.hasMap(EntryIndex.MAPS.get(0))) {
            migrateRecords();
        }
        if (file.hasMap(TrustKeys.MAP)) {
            migrateKeys();
        }
        file.write(() -> {
            // the old creation index goes too, unless an interrupted earlier version of this step built a new one
            // (then the documents it copied are still in entries: the move step moves them in its order)
            if (file.hasMap(EntryIndex.LEGACY_CREATION)) {
                file.removeMap(EntryIndex.LEGACY_CREATION);
            }
            List<String> names = new ArrayList<>(EntryIndex.MAPS);
            names.add(EntryIndex.LEGACY_CREATION);
            names.add(TrustKeys.MAP);
            for (String name : names) {
                if (file.hasMap(TARGET + name)) {
                    if (file.hasMap(name)) {
                        file.removeMap(name);
                    }
                    file.renameMap(TARGET + name, name);
                }
            }
            OBSOLETE_META.forEach(meta::remove);
            for (String step : List.of(STEP_AUDIT_TENANTS, STEP_RECORDS, STEP_UNLISTED, STEP_KEYS)) {
                meta.remove(progressKey(step));
            }
            return meta.put(SCHEMA_VERSION, TENANT_SCHEMA);
        });
    }

    /** Schema 3 to 4: the fact keys of every record, then version 4. */
    private void indexFacts() {
        SearchIndex search = new SearchIndex(file, "");
        EntryIndex entries = new EntryIndex(file, json);
        forEachBatch(STEP_FACTS, FACTS_PROGRESS, file.<String, Object>map(EntryIndex.MAPS.get(0)),
                (key, value) -> search.addFacts(entries.decode(value)));
        file.write(() -> {
            meta.remove(FACTS_PROGRESS);
            return meta.put(SCHEMA_VERSION, FACT_SCHEMA);
        });
    }

    /** Schema 4 to 5: the documents into {@code entries.records}, then version 5 (see the class comment). */
    private void moveDocuments() {
        EntryIndex entries = new EntryIndex(file, json);
        if (file.hasMap(EntryIndex.LEGACY_CREATION)) {
            forEachBatch(STEP_DOCUMENTS, file.<Long, String>map(EntryIndex.LEGACY_CREATION), entries::moveDocument);
        }
        forEachBatch(STEP_UNLISTED_DOCUMENTS, file.<String, Object>map(EntryIndex.MAPS.get(0)), (key, value) -> {
            if (!(value instanceof Long)) {
                entries.moveDocument(-1, key);
            }
        });
        file.write(() -> {
            if (file.hasMap(EntryIndex.LEGACY_CREATION)) {
                file.removeMap(EntryIndex.LEGACY_CREATION);
            }
            for (String step : List.of(STEP_DOCUMENTS, STEP_UNLISTED_DOCUMENTS)) {
                meta.remove(progressKey(step));
            }
            return meta.put(SCHEMA_VERSION, DOCUMENT_SCHEMA);
        });
    }

    private static String progressKey(String step) {
        return TARGET + step;
    }

    /**
     * Records in the order of the old creation index (each keeps its sequence number), then any record that index
     * missed (a new sequence number at the end). The old maps held only digests; every record became tenant
     * {@link Tenants#LEGACY} when it was read ({@link RecordJson}).
     */
    private void migrateRecords() {
        MVMap<String, Object> oldEntries = file.map(EntryIndex.MAPS.get(0));
        MVMap<Long, String> oldCreation = file.map(EntryIndex.LEGACY_CREATION);
        EntryIndex target = new EntryIndex(file, json, TARGET);
        forEachBatch(STEP_RECORDS, oldCreation, (seq, digest) -> {
            String encoded = StoredJson.decode(oldEntries.get(digest));
            if (encoded != null) {
                target.restore(seq, json.readRecord(encoded));
            }
        });
        forEachBatch(STEP_UNLISTED, oldEntries, (digest, stored) -> {
            if (!target.holds(Tenants.LEGACY, digest)) {
                target.restore(-1, json.readRecord(StoredJson.decode(stored)));
            }
        });
    }

    private void migrateKeys() {
        MVMap<String, String> oldKeys = file.map(TrustKeys.MAP);
        MVMap<String, String> target = file.map(TARGET + TrustKeys.MAP);
        forEachBatch(STEP_KEYS, oldKeys, (keyId, encoded) -> {
            TrustedKey key = json.read(encoded, TrustedKey.class);
            target.put(IndexKeys.scoped(key.tenant(), key.keyId()), json.write(key));
        });
    }

    /**
     * Applies {@code action} to every entry of a map the migration does not change, a batch per commit; the
     * progress, committed with each batch, is a position in the map.
     */
    private <K, V> void forEachBatch(String step, MVMap<K, V> map, BiConsumer<K, V> action) {
        forEachBatch(step, progressKey(step), map, action);
    }

    private <K, V> void forEachBatch(String step, String progressKey, MVMap<K, V> map, BiConsumer<K, V> action) {
        long total = file.guard(map::sizeAsLong);
        Long stored = file.guard(() -> meta.get(progressKey));
        long done = stored == null ? 0 : stored;
        while (done < total) {
            long from = done;
            long to = Math.min(total, from + batch);
            file.write(() -> {
                Iterator<K> keys = map.keyIterator(map.getKey(from));
                for (long i = from; i < to && keys.hasNext(); i++) {
                    K key = keys.next();
                    action.accept(key, map.get(key));
                }
                return meta.put(progressKey, to);
            });
            done = to;
            listener.committed(step, done);
        }
    }

    /**
     * Appends the events of the unchained trail to the chain in their order, then drops the old map. The number of
     * chained events is the progress: they were moved in order, so it is the position of the next one to move.
     */
    private void chainLegacyAudit() {
        if (!file.hasMap(LEGACY_AUDIT)) {
            return;
        }
        MVMap<Long, String> legacy = file.map(LEGACY_AUDIT);
        long total = file.guard(legacy::sizeAsLong);
        long done = audit.eventCount();
        while (done < total) {
            long from = done;
            long to = Math.min(total, from + batch);
            file.write(() -> {
                Iterator<Long> keys = legacy.keyIterator(legacy.getKey(from));
                for (long i = from; i < to && keys.hasNext(); i++) {
                    String encoded = legacy.get(keys.next());
                    audit.appendWithinMutation(json.read(encoded, AuditEvent.class));
                }
                return null;
            });
            done = to;
            listener.committed(STEP_AUDIT_CHAIN, done);
        }
        file.write(() -> {
            file.removeMap(LEGACY_AUDIT);
            return null;
        });
    }
}
