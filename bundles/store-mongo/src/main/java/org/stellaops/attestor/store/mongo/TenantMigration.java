package org.stellaops.attestor.store.mongo;

import java.util.ArrayList;
import java.util.List;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Sorts;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stellaops.attestor.cas.StorageException;
import org.stellaops.attestor.store.EntryRecord;
import org.stellaops.attestor.store.Tenants;

/**
 * Step to schema version 2: every record and trusted key stored without a tenant moves to the id
 * {@code <tenant>|<digest or key id>} with a {@code tenant} field. A record's tenant is the one its body names, which
 * is {@link Tenants#LEGACY} for every record written before tenants existed (records imported from a store that had
 * tenants keep theirs); trusted keys get {@link Tenants#LEGACY}. Leases move with their records. Audit events are
 * not touched: without a tenant they read as operator events and keep their hashes.
 *
 * <p>MongoDB cannot change an {@code _id}, so each document is copied and then deleted, in batches: insert the new
 * documents (a duplicate key means an earlier, interrupted run or another worker already inserted it, and the
 * stored one stands, since it may have changed since), then delete the old ones, still conditional on their lacking
 * a tenant. An old document is only deleted once its new one exists, so a crash at any point loses nothing and the
 * next start finishes the job; two workers migrating at once do the same work twice, harmlessly. A record still
 * carrying its creation event ({@code pendingAudit}, a worker stopped before appending it) gets the event appended
 * under its old id's tag first, exactly as the audit repair of schema 1 would have done, so it is neither lost nor
 * written twice. Old documents are read in {@code _id} order from where the last batch ended, one pass over the
 * collection. Workers of an older version must be stopped before the first start of this one: they would go on
 * writing the old layout, which this version no longer reads.
 */
final class TenantMigration {

    private static final Logger LOG = LoggerFactory.getLogger(TenantMigration.class);
    private static final int BATCH = 500;
    private static final Bson UNMIGRATED = Filters.exists(Fields.TENANT, false);

    private final MongoDatabase db;
    private final EntryDocuments documents;
    private final AuditTrail audit;

    TenantMigration(MongoDatabase db, EntryDocuments documents, AuditTrail audit) {
        this.db = db;
        this.documents = documents;
        this.audit = audit;
    }

    /**
     * @throws StorageException {@code storage.failure} if MongoDB fails, {@code storage.corrupt} if a record's body
     *                          cannot be read (the migration stops there; the next start resumes it)
     */
    void run() {
        int records = Mongo.call("moving records to their tenant",
                () -> eachBatch(Fields.ENTRIES, this::moveRecords));
        int keys = Mongo.call("moving trusted keys to their tenant",
                () -> eachBatch(Fields.TRUST_KEYS, this::moveKeys));
        if (records > 0 || keys > 0) {
            LOG.info("schema step 2: moved {} records and {} trusted keys stored without a tenant to their tenant "
                    + "(records: as their body says, \"{}\" for every record written before tenants)", records, keys,
                    Tenants.LEGACY);
        }
    }

    private interface BatchMove {
        void move(MongoCollection<Document> collection, List<Document> batch);
    }

    private int eachBatch(String name, BatchMove move) {
        MongoCollection<Document> collection = db.getCollection(name);
        int moved = 0;
        Object after = null;
        while (true) {
            Bson filter = after == null ? UNMIGRATED : Filters.and(UNMIGRATED, Filters.gt(Fields.ID, after));
            List<Document> batch = collection.find(filter).sort(Sorts.ascending(Fields.ID)).limit(BATCH)
                    .into(new ArrayList<>());
            if (batch.isEmpty()) {
                return moved;
            }
            move.move(collection, batch);
            moved += batch.size();
            after = batch.get(batch.size() - 1).get(Fields.ID);
        }
    }

    /** Moves one batch of records read without a tenant (package-private: tests replay a stale batch). */
    void moveRecords(MongoCollection<Document> entries, List<Document> batch) {
        List<Document> copies = new ArrayList<>();
        List<Object> oldIds = new ArrayList<>();
        for (Document old : batch) {
            EntryRecord record = documents.legacyRecord(old);
            String oldId = String.valueOf(old.get(Fields.ID));
            if (old.get(Fields.PENDING_AUDIT) != null) {
                audit.appendForEntry(oldId, EntryDocuments.pendingEvent(old));
            }
            long rev = EntryDocuments.rev(old);
            Document copy = documents.create(record, rev > 0 ? rev : 1L);
            if (old.get(Fields.LEASE) != null) {
                copy.append(Fields.LEASE, old.get(Fields.LEASE));
            }
            if (oldId.equals(copy.get(Fields.ID))) {
                // imported as {_id, body} under the current id: only the fields are missing
                entries.replaceOne(Filters.and(Filters.eq(Fields.ID, oldId), UNMIGRATED), copy);
            } else {
                copies.add(copy);
                oldIds.add(old.get(Fields.ID));
            }
        }
        insertMissing(entries, copies);
        deleteUnmigrated(entries, oldIds);
    }

    private void moveKeys(MongoCollection<Document> keys, List<Document> batch) {
        List<Document> copies = new ArrayList<>();
        List<Object> oldIds = new ArrayList<>();
        for (Document old : batch) {
            String keyId = String.valueOf(old.get(Fields.ID));
            Document copy = new Document(Fields.ID, Ids.of(Tenants.LEGACY, keyId))
                    .append(Fields.TENANT, Tenants.LEGACY)
                    .append(Fields.KEY_ID, keyId)
                    .append(Fields.SHARED, false);
            old.forEach((field, value) -> {
                if (!field.equals(Fields.ID)) {
                    copy.append(field, value);
                }
            });
            copies.add(copy);
            oldIds.add(old.get(Fields.ID));
        }
        insertMissing(keys, copies);
        deleteUnmigrated(keys, oldIds);
    }

    /** Inserts what is not there yet; a document already there (same id) stands. */
    private static void insertMissing(MongoCollection<Document> collection, List<Document> copies) {
        if (copies.isEmpty()) {
            return;
        }
        try {
            collection.insertMany(copies, new InsertManyOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            for (BulkWriteError error : e.getWriteErrors()) {
                if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
            }
        }
    }

    private static void deleteUnmigrated(MongoCollection<Document> collection, List<Object> oldIds) {
        if (!oldIds.isEmpty()) {
            collection.deleteMany(Filters.and(Filters.in(Fields.ID, oldIds), UNMIGRATED));
        }
    }
}
